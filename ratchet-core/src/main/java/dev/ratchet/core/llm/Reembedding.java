package dev.ratchet.core.llm;

import dev.ratchet.core.jobs.JobSystem;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.EmbeddingRepository;
import dev.ratchet.spi.LlmUnavailableException;
import java.time.Duration;
import java.util.List;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switching the database to another embedding model: {@link #prepare} changes the vector columns to the model's
 * dimension (or clears them when it is the same) in one transaction, and {@link ReembedJob}s then recompute the
 * embeddings of messages and documentation chunks in batches, in the background, each run enqueuing the next until
 * nothing is left.
 */
public final class Reembedding {

    private static final Logger log = LoggerFactory.getLogger(Reembedding.class);
    private static final int BATCH = 64;
    private static final int BATCHES_PER_RUN = 8;

    private final EmbeddingRepository embeddings;
    private final Embedder embedder;
    private final JobSystem jobs;

    public Reembedding(Database db, Embedder embedder, JobSystem jobs) {
        this.embeddings = new EmbeddingRepository(db);
        this.embedder = embedder;
        this.jobs = jobs;
        jobs.registerHandler(Runner.class, new Runner());
    }

    /**
     * Makes the database's vector columns fit {@code dimension} and forgets every embedding. Run before anything
     * else uses the database with the new model.
     *
     * @return the previous dimension
     */
    public static int prepare(Database db, int dimension) {
        return new EmbeddingRepository(db).prepare(dimension);
    }

    /** Rows still to embed: messages with text, and documentation chunks. */
    public long remaining() {
        return embeddings.remaining();
    }

    /** Enqueues the first batch job. */
    public void start(String runId) {
        jobs.enqueue(
                new ReembedJob(runId, 0), "reembed " + runId, "reembed:" + runId + ":0", Duration.ZERO, 10, "core");
    }

    /** One run of re-embedding: up to {@code BATCHES_PER_RUN} batches, then the next run. */
    public record ReembedJob(String runId, int run) implements JobRequest {
        @Override
        public Class<Runner> getJobRequestHandler() {
            return Runner.class;
        }
    }

    /** Runs {@link ReembedJob}s. */
    public final class Runner implements JobRequestHandler<ReembedJob> {
        @Override
        public void run(ReembedJob job) throws LlmUnavailableException {
            int done = 0;
            for (int b = 0; b < BATCHES_PER_RUN; b++) {
                List<EmbeddingRepository.Pending> rows = embeddings.pending(BATCH);
                if (rows.isEmpty()) {
                    log.info("re-embedding {} finished", job.runId());
                    return;
                }
                List<float[]> vectors = embedder.embed(
                        rows.stream().map(EmbeddingRepository.Pending::text).toList());
                embeddings.store(rows, vectors);
                done += rows.size();
            }
            long left = remaining();
            log.info("re-embedding {}: {} embedded in this run, {} left", job.runId(), done, left);
            if (left > 0) {
                jobs.enqueue(
                        new ReembedJob(job.runId(), job.run() + 1),
                        "reembed " + job.runId() + " run " + (job.run() + 1),
                        "reembed:" + job.runId() + ":" + (job.run() + 1),
                        Duration.ZERO,
                        10,
                        "core");
            }
        }
    }
}
