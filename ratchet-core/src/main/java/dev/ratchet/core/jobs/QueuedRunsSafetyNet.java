package dev.ratchet.core.jobs;

import dev.ratchet.core.modules.Registrations;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.ModuleRunRepository;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives lost runs a job again. Enqueues a batch job ({@link ModuleBatchJob}) for every handler with runs queued for
 * more than {@link #AGE}: the job their storing transaction enqueued may have been lost, or still be waiting behind
 * busy workers (one job too many finds nothing left). And gives a job of its own ({@link EventJob}) to every run left
 * {@code running} by a job that took it (an ENRICH job running a released REACT run in its worker, a batch job) and is
 * no longer at it: that job failed for good, or succeeded, without the run's end being recorded (the database out at
 * that moment; an ENRICH handler without retries whose job failed because of it). Runs as the recurring job {@link
 * #ID}.
 */
public final class QueuedRunsSafetyNet implements JobRequestHandler<QueuedRunsSafetyNet.Request> {

    private static final Logger log = LoggerFactory.getLogger(QueuedRunsSafetyNet.class);

    /** The recurring job's id; JobRunr ids take no ':'. */
    public static final String ID = "module-batches";
    /** How often it runs. */
    public static final Duration INTERVAL = Duration.ofMinutes(1);

    static final Duration AGE = Duration.ofSeconds(30);
    /** How many taken runs one pass looks at; the next pass takes the rest. */
    static final int TAKEN_PER_PASS = 500;

    private final Database db;
    private final ModuleRunRepository runs;
    private final Registrations registrations;
    private final JobSystem jobs;

    QueuedRunsSafetyNet(Database db, ModuleRunRepository runs, Registrations registrations, JobSystem jobs) {
        this.db = db;
        this.runs = runs;
        this.registrations = registrations;
        this.jobs = jobs;
    }

    @Override
    public void run(Request request) {
        for (ModuleRunRepository.Released h : runs.queuedOlderThan(AGE)) {
            jobs.enqueueBatch(h.moduleId(), h.handler());
        }
        retakeStranded(AGE);
    }

    /**
     * Gives a job of its own to every run left {@code running}, since before {@code age} ago, by a job that is no
     * longer at it; how many it gave one. A run whose handler is not in this process is left to a process that has it.
     */
    public int retakeStranded(Duration age) {
        int retaken = 0;
        for (ModuleRunRepository.Taken run : runs.runningTakenBefore(age, TAKEN_PER_PASS)) {
            Optional<Registrations.Handler> handler = registrations.handler(run.moduleId(), run.handler());
            if (handler.isEmpty() || jobs.active(run.job())) {
                continue;
            }
            UUID next = UUID.randomUUID();
            int retries = Math.max(0, handler.get().subscription().retry().maxRetries() - run.attempts());
            boolean handedOver = db.transaction(() -> {
                if (!runs.handOver(run, next)) {
                    return false; // finished or taken back meanwhile
                }
                jobs.enqueueEventRetry(next, handler.get(), run.eventKey(), Duration.ZERO, retries);
                return true;
            });
            if (handedOver) {
                retaken++;
                log.warn(
                        "{}:{} for {} was left running by job {}, which is no longer at it: running it again as job {}",
                        run.moduleId(),
                        run.handler(),
                        run.eventKey(),
                        run.job(),
                        next);
            }
        }
        return retaken;
    }

    /** The job request: no parameters. */
    public record Request() implements JobRequest {
        @Override
        public Class<QueuedRunsSafetyNet> getJobRequestHandler() {
            return QueuedRunsSafetyNet.class;
        }
    }
}
