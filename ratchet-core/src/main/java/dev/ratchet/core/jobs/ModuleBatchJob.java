package dev.ratchet.core.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * Runs a handler's queued runs in batches ({@link ModuleBatchHandler}): the job of the ENRICH and BACKGROUND runs no
 * reply waits for. Stored as JSON by JobRunr: the class name and the component names are what jobs in the database
 * hold.
 */
public record ModuleBatchJob(String moduleId, String handler) implements JobRequest {

    @Override
    public Class<ModuleBatchHandler> getJobRequestHandler() {
        return ModuleBatchHandler.class;
    }
}
