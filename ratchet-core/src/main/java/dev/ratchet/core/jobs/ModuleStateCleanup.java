package dev.ratchet.core.jobs;

import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.StoredModuleState;
import java.time.Duration;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the module-store values whose ttl has passed ({@link StoredModuleState#deleteExpired}). They are already
 * invisible to modules; this only bounds the table. Runs as the recurring job {@link #ID}.
 */
public final class ModuleStateCleanup implements JobRequestHandler<ModuleStateCleanup.Request> {

    /** The recurring job's id; JobRunr ids take no ':'. */
    public static final String ID = "module-state-cleanup";
    /** How often it runs. */
    public static final Duration INTERVAL = Duration.ofHours(1);
    // rows deleted a transaction
    static final int BATCH = 1_000;

    private static final Logger log = LoggerFactory.getLogger(ModuleStateCleanup.class);

    private final Database db;

    public ModuleStateCleanup(Database db) {
        this.db = db;
    }

    @Override
    public void run(Request request) {
        int deleted = StoredModuleState.deleteExpired(db, BATCH);
        if (deleted > 0) {
            log.info("deleted {} expired module-store value(s)", deleted);
        }
    }

    /** The job request: no parameters. */
    public record Request() implements JobRequest {
        @Override
        public Class<ModuleStateCleanup> getJobRequestHandler() {
            return ModuleStateCleanup.class;
        }
    }
}
