package dev.ratchet.core.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * A run of a module's own background job ({@code ModuleContext#job}), with its parameters as JSON. Stored as JSON by
 * JobRunr: the class name and the component names are what jobs already in the database hold.
 */
public record ModuleJobRequest(String moduleId, String jobName, String paramsJson) implements JobRequest {

    @Override
    public Class<ModuleJobHandler> getJobRequestHandler() {
        return ModuleJobHandler.class;
    }
}
