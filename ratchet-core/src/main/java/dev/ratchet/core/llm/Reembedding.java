package dev.ratchet.core.llm;

import com.pgvector.PGvector;
import dev.ratchet.core.jobs.JobSystem;
import dev.ratchet.core.storage.Database;
import dev.ratchet.spi.LlmUnavailableException;
import org.jdbi.v3.core.Handle;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

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

    private final Database db;
    private final Embedder embedder;
    private final JobSystem jobs;

    public Reembedding(Database db, Embedder embedder, JobSystem jobs) {
        this.db = db;
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
    public static int prepare(Handle h, int dimension) {
        int previous = h.createQuery("select value from settings where key = 'embedding_dimension'").mapTo(Integer.class).one();
        if (previous != dimension) {
            h.execute("drop index if exists messages_embedding");
            h.execute("drop index if exists docs_chunks_embedding");
            h.execute("alter table messages alter column embedding type vector(" + dimension + ") using null");
            h.execute("alter table docs_chunks alter column embedding type vector(" + dimension + ") using null");
            h.execute("create index messages_embedding on messages using hnsw (embedding vector_cosine_ops)");
            h.execute("create index docs_chunks_embedding on docs_chunks using hnsw (embedding vector_cosine_ops)");
            h.createUpdate("update settings set value = :v, updated_at = now() where key = 'embedding_dimension'")
                    .bind("v", Integer.toString(dimension)).execute();
        } else {
            h.execute("update messages set embedding = null where embedding is not null");
            h.execute("update docs_chunks set embedding = null where embedding is not null");
        }
        return previous;
    }

    /** Rows still to embed: messages with text, and documentation chunks. */
    public long remaining() {
        return db.withHandle(h -> h.createQuery("""
                select (select count(*) from messages where embedding is null and coalesce(attrs ->> 'text', '') <> '')
                     + (select count(*) from docs_chunks where embedding is null)""").mapTo(Long.class).one());
    }

    /** Enqueues the first batch job. */
    public void start(String runId) {
        jobs.enqueue(new ReembedJob(runId, 0), "reembed " + runId, "reembed:" + runId + ":0", Duration.ZERO, 10, "core");
    }

    /** One run of re-embedding: up to {@code BATCHES_PER_RUN} batches, then the next run. */
    public record ReembedJob(String runId, int run) implements JobRequest {
        @Override
        public Class<Runner> getJobRequestHandler() {
            return Runner.class;
        }
    }

    private record Row(String channel, String ts, Long chunkId, String text) {
    }

    /** Runs {@link ReembedJob}s. */
    public final class Runner implements JobRequestHandler<ReembedJob> {
        @Override
        public void run(ReembedJob job) throws LlmUnavailableException {
            int done = 0;
            for (int b = 0; b < BATCHES_PER_RUN; b++) {
                List<Row> rows = db.withHandle(h -> h.createQuery("""
                                (select channel_id, ts, null::bigint as chunk_id, attrs ->> 'text' as text from messages
                                  where embedding is null and coalesce(attrs ->> 'text', '') <> '' limit :n)
                                union all
                                (select null, null, id, coalesce(heading, '') || ' ' || content from docs_chunks where embedding is null limit :n)
                                limit :n""")
                        .bind("n", BATCH)
                        .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getObject(3) == null ? null : rs.getLong(3), rs.getString(4)))
                        .list());
                if (rows.isEmpty()) {
                    log.info("re-embedding {} finished", job.runId());
                    return;
                }
                List<float[]> vectors = embedder.embed(rows.stream().map(Row::text).toList());
                db.inTransaction(h -> {
                    for (int i = 0; i < rows.size(); i++) {
                        Row r = rows.get(i);
                        PGvector v = new PGvector(vectors.get(i));
                        if (r.chunkId() != null) {
                            h.createUpdate("update docs_chunks set embedding = :v where id = :id").bind("v", v).bind("id", r.chunkId()).execute();
                        } else {
                            h.createUpdate("update messages set embedding = :v where channel_id = :c and ts = :ts")
                                    .bind("v", v).bind("c", r.channel()).bind("ts", r.ts()).execute();
                        }
                    }
                    return null;
                });
                done += rows.size();
            }
            long left = remaining();
            log.info("re-embedding {}: {} embedded in this run, {} left", job.runId(), done, left);
            if (left > 0) {
                jobs.enqueue(new ReembedJob(job.runId(), job.run() + 1), "reembed " + job.runId() + " run " + (job.run() + 1),
                        "reembed:" + job.runId() + ":" + (job.run() + 1), Duration.ZERO, 10, "core");
            }
        }
    }
}
