package dev.ratchet.core.slack;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * One page of a thread's replies during backfill; like {@link OnboardChannelJob}, guarded by its page number, and
 * stored as JSON under the same names.
 */
public record BackfillThreadJob(String teamId, String channelId, String threadTs, int page) implements JobRequest {

    @Override
    public Class<Onboarding.ThreadPages> getJobRequestHandler() {
        return Onboarding.ThreadPages.class;
    }
}
