package dev.ratchet.core.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/** A run of a module's own background job ({@code ModuleContext#job}), with its parameters as JSON. */
public final class ModuleJobRequest implements JobRequest {

    private String moduleId;
    private String jobName;
    private String paramsJson;

    public ModuleJobRequest() {
        // for JobRunr's JSON mapper
    }

    public ModuleJobRequest(String moduleId, String jobName, String paramsJson) {
        this.moduleId = moduleId;
        this.jobName = jobName;
        this.paramsJson = paramsJson;
    }

    public String getModuleId() {
        return moduleId;
    }

    public String getJobName() {
        return jobName;
    }

    public String getParamsJson() {
        return paramsJson;
    }

    @Override
    public Class<ModuleJobHandler> getJobRequestHandler() {
        return ModuleJobHandler.class;
    }
}
