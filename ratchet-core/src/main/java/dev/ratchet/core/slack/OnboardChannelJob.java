package dev.ratchet.core.slack;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * One page of a channel's onboarding: channel info on the first page, then up to a page of history, then the next
 * page as a new job. {@code page} must match the channel's stored progress, so a re-run of an old page (a retry
 * after a crash that had already committed) does nothing.
 */
public final class OnboardChannelJob implements JobRequest {

    private String teamId;
    private String channelId;
    private int page;

    public OnboardChannelJob() {
        // for JobRunr's JSON mapper
    }

    public OnboardChannelJob(String teamId, String channelId, int page) {
        this.teamId = teamId;
        this.channelId = channelId;
        this.page = page;
    }

    public String getTeamId() {
        return teamId;
    }

    public String getChannelId() {
        return channelId;
    }

    public int getPage() {
        return page;
    }

    @Override
    public Class<Onboarding.ChannelPages> getJobRequestHandler() {
        return Onboarding.ChannelPages.class;
    }
}
