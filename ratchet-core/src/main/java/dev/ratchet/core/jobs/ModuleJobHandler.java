package dev.ratchet.core.jobs;

import dev.ratchet.core.Json;
import dev.ratchet.core.modules.Registrations;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** Runs a module's own background job. */
public final class ModuleJobHandler implements JobRequestHandler<ModuleJobRequest> {

    private final Registrations registrations;

    ModuleJobHandler(Registrations registrations) {
        this.registrations = registrations;
    }

    @Override
    public void run(ModuleJobRequest request) throws Exception {
        Registrations.ModuleJob job = registrations.job(request.getModuleId(), request.getJobName())
                .orElseThrow(() -> new IllegalStateException("job '" + request.getJobName() + "' of module '" + request.getModuleId()
                        + "' is not registered in this process; enable the module in every process that runs jobs"));
        job.handler().run(Json.readMap(request.getParamsJson()));
    }
}
