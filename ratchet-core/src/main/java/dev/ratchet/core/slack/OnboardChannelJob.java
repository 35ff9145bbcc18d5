package dev.ratchet.core.slack;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * One page of a channel's onboarding: channel info on the first page, then up to a page of history, then the next
 * page as a new job. {@code page} must match the channel's stored progress, so a re-run of an old page (a retry
 * after a crash that had already committed) does nothing. Stored as JSON by JobRunr: the class name and the
 * component names are what jobs already in the database hold.
 */
public record OnboardChannelJob(String teamId, String channelId, int page) implements JobRequest {

    @Override
    public Class<Onboarding.ChannelPages> getJobRequestHandler() {
        return Onboarding.ChannelPages.class;
    }
}
