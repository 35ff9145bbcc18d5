package dev.ratchet.core.jobs;

import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.VectorLists;
import java.time.Duration;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * Builds the messages' IVFFlat index once enough messages are embedded and rebuilds it as they grow
 * ({@link VectorLists}). Runs as the recurring job {@link #ID}; one process at a time (an advisory lock).
 */
public final class VectorListsMaintenance implements JobRequestHandler<VectorListsMaintenance.Request> {

    /** The recurring job's id; JobRunr ids take no ':'. */
    public static final String ID = "search-vector-lists";
    /**
     * How often it runs. Its check is a count of {@code message_codes} (an index-only scan: ~50 ms at a million
     * messages); until the index is there, search ranks a long window from the binary codes, whose cost grows with
     * the window (HybridSearch).
     */
    public static final Duration INTERVAL = Duration.ofMinutes(10);

    private final VectorLists lists;

    public VectorListsMaintenance(Database db) {
        this.lists = new VectorLists(db);
    }

    @Override
    public void run(Request request) {
        lists.maintain();
    }

    /** The job request: no parameters. */
    public record Request() implements JobRequest {
        @Override
        public Class<VectorListsMaintenance> getJobRequestHandler() {
            return VectorListsMaintenance.class;
        }
    }
}
