package dev.ratchet.core.jobs;

import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.spi.ConfigOption;
import java.time.Duration;
import java.util.List;

/**
 * How this process's job server works, from {@code jobs.*}.
 *
 * @param workers       worker threads
 * @param pollInterval  how often to look for work enqueued by other processes
 * @param shutdownGrace how long running jobs may finish at shutdown
 */
public record JobSettings(int workers, Duration pollInterval, Duration shutdownGrace) {

    public static final ConfigOption<Duration> JOBS_POLL_INTERVAL = ConfigOption.duration(
                    "jobs.poll-interval", Duration.ofSeconds(5))
            .validatedBy(d -> d.compareTo(Duration.ofSeconds(5)) >= 0, "at least 5s (JobRunr's smallest)")
            .describedAs("how often job servers look for work enqueued by other processes");
    public static final ConfigOption<Integer> JOBS_WORKERS = ConfigOption.integer("jobs.workers", 8, 1, 256)
            .describedAs("job worker threads per process (jobs mostly wait on Slack and the LLM)");
    public static final ConfigOption<Duration> JOBS_SHUTDOWN_GRACE = ConfigOption.duration(
                    "jobs.shutdown-grace", Duration.ofSeconds(30))
            .describedAs(
                    "on SIGTERM/SIGINT, how long running jobs may finish; those still running are handed back to other processes");

    /** The {@code jobs.*} options. */
    public static List<ConfigOption<?>> options() {
        return List.of(JOBS_POLL_INTERVAL, JOBS_WORKERS, JOBS_SHUTDOWN_GRACE);
    }

    public static JobSettings from(RatchetConfig config) {
        return new JobSettings(
                config.get(JOBS_WORKERS), config.get(JOBS_POLL_INTERVAL), config.get(JOBS_SHUTDOWN_GRACE));
    }
}
