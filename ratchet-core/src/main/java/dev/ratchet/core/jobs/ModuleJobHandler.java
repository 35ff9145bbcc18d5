package dev.ratchet.core.jobs;

import dev.ratchet.core.Json;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.core.ops.RatchetMetrics;
import java.util.Map;
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
        Map<String, Object> params = new java.util.LinkedHashMap<>(Json.readMap(request.paramsJson()));
        Object traceparent = params.remove(TRACEPARENT);
        // a child of the span that enqueued it (an event's handler), else a trace of its own (a schedule's run)
        io.opentelemetry.api.trace.Span span = dev.ratchet.core.ops.Tracing.span(
                        "job " + request.moduleId() + ":" + request.jobName(),
                        io.opentelemetry.api.trace.SpanKind.CONSUMER)
                .setParent(dev.ratchet.core.ops.Tracing.parent(traceparent == null ? null : traceparent.toString()))
                .setAttribute("ratchet.module", request.moduleId())
                .setAttribute("ratchet.job", request.jobName())
                .startSpan();
        try {
            dev.ratchet.core.ops.Tracing.inSpan(span, s -> {
                job.handler().run(params);
                return null;
            });
            outcome = "ok";
        } finally {
            metrics.moduleRun(request.moduleId(), request.jobName(), outcome, System.nanoTime() - t0);
        }
    }

    /** The parameter carrying the enqueuing span's W3C traceparent; never handed to the module. */
    static final String TRACEPARENT = "ratchet.traceparent";
}
