package dev.ratchet.core.jobs;

import dev.ratchet.core.Json;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.core.ops.RatchetMetrics;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** Runs a module's own background job. */
public final class ModuleJobHandler implements JobRequestHandler<ModuleJobRequest> {

    private final Registrations registrations;
    private final RatchetMetrics metrics;

    ModuleJobHandler(Registrations registrations, RatchetMetrics metrics) {
        this.registrations = registrations;
        this.metrics = metrics;
    }

    @Override
    public void run(ModuleJobRequest request) throws Exception {
        Registrations.ModuleJob job = registrations
                .job(request.moduleId(), request.jobName())
                .orElseThrow(
                        () -> new IllegalStateException(
                                "job '" + request.jobName() + "' of module '" + request.moduleId()
                                        + "' is not registered in this process; enable the module in every process that runs jobs"));
        long t0 = System.nanoTime();
        String outcome = "error"; // JobRunr's retry policy decides whether it runs again
        try {
            job.handler().run(Json.readMap(request.paramsJson()));
            outcome = "ok";
        } finally {
            metrics.moduleRun(request.moduleId(), request.jobName(), outcome, System.nanoTime() - t0);
        }
    }
}
