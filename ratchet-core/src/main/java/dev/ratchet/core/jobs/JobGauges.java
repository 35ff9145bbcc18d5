package dev.ratchet.core.jobs;

import dev.ratchet.core.ops.RatchetMetrics;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.ModuleRunRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jobrunr.storage.JobStats;
import org.jobrunr.storage.StorageProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ratchet_jobs{state}} gauges, from JobRunr's job counts (every process sees the whole cluster's), and
 * {@code ratchet_jobs_by_module{module,state}}, the unfinished module runs from {@code module_runs} (a partial index
 * keeps that count cheap). Both are read at most once a second however many gauges a scrape reads.
 */
final class JobGauges {

    private static final Logger log = LoggerFactory.getLogger(JobGauges.class);
    private static final long MAX_AGE_NANOS = 1_000_000_000L;
    private static final Map<String, Function<JobStats, Long>> JOB_STATES = Map.of(
            "awaiting",
            JobStats::getAwaiting,
            "scheduled",
            JobStats::getScheduled,
            "enqueued",
            JobStats::getEnqueued,
            "processing",
            JobStats::getProcessing,
            "failed",
            JobStats::getFailed,
            "succeeded",
            JobStats::getSucceeded,
            "deleted",
            JobStats::getDeleted);
    private static final List<String> RUN_STATES = List.of("waiting", "enqueued", "queued", "running", "retrying");

    private final StorageProvider storage;
    private final Database db;
    private JobStats stats;
    private long statsAt;
    private Map<String, Long> runs;
    private long runsAt;

    JobGauges(StorageProvider storage, Database db) {
        this.storage = storage;
        this.db = db;
    }

    void register(RatchetMetrics metrics, Set<String> moduleIds) {
        JOB_STATES.forEach((state, count) -> metrics.gauge(
                "ratchet.jobs",
                "jobs in JobRunr's storage, by state",
                List.of("state", state),
                () -> stats().<Number>map(count).orElse(Double.NaN)));
        for (String module : moduleIds) {
            for (String state : RUN_STATES) {
                metrics.gauge(
                        "ratchet.jobs.by.module",
                        "unfinished module handler runs, by module and state",
                        List.of("module", module, "state", state),
                        () -> runs().<Number>map(r -> r.getOrDefault(module + "/" + state, 0L))
                                .orElse(Double.NaN));
            }
        }
    }

    private synchronized Optional<JobStats> stats() {
        if (stats == null || System.nanoTime() - statsAt > MAX_AGE_NANOS) {
            try {
                stats = storage.getJobStats();
                statsAt = System.nanoTime();
            } catch (RuntimeException e) {
                log.debug("job counts unavailable: {}", e.toString());
                return Optional.empty();
            }
        }
        return Optional.of(stats);
    }

    private synchronized Optional<Map<String, Long>> runs() {
        if (runs == null || System.nanoTime() - runsAt > MAX_AGE_NANOS) {
            try {
                runs = new ModuleRunRepository(db).unfinishedByModuleAndState();
                runsAt = System.nanoTime();
            } catch (RuntimeException e) {
                log.debug("module run counts unavailable: {}", e.toString());
                return Optional.empty();
            }
        }
        return Optional.of(runs);
    }
}
