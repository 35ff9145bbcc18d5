package dev.ratchet.core.storage;

import com.pgvector.PGvector;
import java.util.List;

/**
 * The embedding columns of {@code messages} and {@code docs_chunks} together: changing their dimension and filling
 * them again after a model change.
 */
public final class EmbeddingRepository {

    private final Database db;
    private final SettingsRepository settings;

    public EmbeddingRepository(Database db) {
        this.db = db;
        this.settings = new SettingsRepository(db);
    }

    /** A row to embed: a message (channel, ts) or a documentation chunk (chunkId), with its text. */
    public record Pending(String channel, String ts, Long chunkId, String text) {}

    /**
     * Makes the vector columns fit {@code dimension} and forgets every embedding, in one transaction.
     *
     * @return the previous dimension
     */
    public int prepare(int dimension) {
        return db.inTransaction(h -> {
            int previous = settings.embeddingDimension();
            // its lists were learnt from the embeddings being forgotten (V7 builds it again over 10,000 or more)
            h.execute("drop index if exists messages_embedding_ivf");
            if (previous != dimension) {
                h.execute("drop index if exists messages_embedding");
                h.execute("drop index if exists docs_chunks_embedding");
                h.execute("alter table messages alter column embedding type vector(" + dimension + ") using null");
                h.execute("alter table docs_chunks alter column embedding type vector(" + dimension + ") using null");
                h.execute("create index messages_embedding on messages using hnsw (embedding vector_cosine_ops)");
                h.execute("create index docs_chunks_embedding on docs_chunks using hnsw (embedding vector_cosine_ops)");
                settings.setEmbeddingDimension(dimension);
            } else {
                h.execute("update messages set embedding = null where embedding is not null");
                h.execute("update docs_chunks set embedding = null where embedding is not null");
            }
            return previous;
        });
    }

    /** Rows still to embed: messages with text, and documentation chunks. */
    public long remaining() {
        return db.withHandle(h -> h.createQuery("""
                select (select count(*) from messages where embedding is null and coalesce(attrs ->> 'text', '') <> '')
                     + (select count(*) from docs_chunks where embedding is null)""").mapTo(Long.class).one());
    }

    /** Up to {@code n} rows without an embedding, messages first. */
    public List<Pending> pending(int n) {
        return db.withHandle(h -> h.createQuery("""
                        (select channel_id, ts, null::bigint as chunk_id, attrs ->> 'text' as text from messages
                          where embedding is null and coalesce(attrs ->> 'text', '') <> '' limit :n)
                        union all
                        (select null, null, id, coalesce(heading, '') || ' ' || content from docs_chunks where embedding is null limit :n)
                        limit :n""")
                .bind("n", n)
                .map((rs, ctx) -> new Pending(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getObject(3) == null ? null : rs.getLong(3),
                        rs.getString(4)))
                .list());
    }

    /** Stores the embeddings of {@code rows} ({@code vectors} in the same order), in one transaction. */
    public void store(List<Pending> rows, List<float[]> vectors) {
        db.inTransaction(h -> {
            for (int i = 0; i < rows.size(); i++) {
                Pending r = rows.get(i);
                PGvector v = new PGvector(vectors.get(i));
                if (r.chunkId() != null) {
                    h.createUpdate("update docs_chunks set embedding = :v where id = :id")
                            .bind("v", v)
                            .bind("id", r.chunkId())
                            .execute();
                } else {
                    h.createUpdate("update messages set embedding = :v where channel_id = :c and ts = :ts")
                            .bind("v", v)
                            .bind("c", r.channel())
                            .bind("ts", r.ts())
                            .execute();
                }
            }
            return null;
        });
    }
}
