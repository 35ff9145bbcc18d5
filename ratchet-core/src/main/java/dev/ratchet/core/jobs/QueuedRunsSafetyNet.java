package dev.ratchet.core.jobs;

import dev.ratchet.core.storage.ModuleRunRepository;
import java.time.Duration;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * Enqueues a batch job ({@link ModuleBatchJob}) for every handler with runs queued for more than {@link #AGE}: the job
 * their storing transaction enqueued may have been lost, or still be waiting behind busy workers (one job too many
 * finds nothing left). Runs as the recurring job {@link #ID}.
 */
public final class QueuedRunsSafetyNet implements JobRequestHandler<QueuedRunsSafetyNet.Request> {

    /** The recurring job's id; JobRunr ids take no ':'. */
    public static final String ID = "module-batches";
    /** How often it runs. */
    public static final Duration INTERVAL = Duration.ofMinutes(1);

    static final Duration AGE = Duration.ofSeconds(30);

    private final ModuleRunRepository runs;
    private final JobSystem jobs;

    QueuedRunsSafetyNet(ModuleRunRepository runs, JobSystem jobs) {
        this.runs = runs;
        this.jobs = jobs;
    }

    @Override
    public void run(Request request) {
        for (ModuleRunRepository.Released h : runs.queuedOlderThan(AGE)) {
            jobs.enqueueBatch(h.moduleId(), h.handler());
        }
    }

    /** The job request: no parameters. */
    public record Request() implements JobRequest {
        @Override
        public Class<QueuedRunsSafetyNet> getJobRequestHandler() {
            return QueuedRunsSafetyNet.class;
        }
    }
}
