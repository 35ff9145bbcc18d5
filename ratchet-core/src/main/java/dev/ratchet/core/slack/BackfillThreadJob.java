package dev.ratchet.core.slack;

import org.jobrunr.jobs.lambdas.JobRequest;

/** One page of a thread's replies during backfill; like {@link OnboardChannelJob}, guarded by its page number. */
public final class BackfillThreadJob implements JobRequest {

    private String teamId;
    private String channelId;
    private String threadTs;
    private int page;

    public BackfillThreadJob() {
        // for JobRunr's JSON mapper
    }

    public BackfillThreadJob(String teamId, String channelId, String threadTs, int page) {
        this.teamId = teamId;
        this.channelId = channelId;
        this.threadTs = threadTs;
        this.page = page;
    }

    public String getTeamId() {
        return teamId;
    }

    public String getChannelId() {
        return channelId;
    }

    public String getThreadTs() {
        return threadTs;
    }

    public int getPage() {
        return page;
    }

    @Override
    public Class<Onboarding.ThreadPages> getJobRequestHandler() {
        return Onboarding.ThreadPages.class;
    }
}
