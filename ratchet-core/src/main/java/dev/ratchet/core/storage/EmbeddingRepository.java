package dev.ratchet.core.storage;

import com.pgvector.PGvector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
            // its lists were learnt from the embeddings being forgotten (VectorLists builds it again over 10,000 or
            // more); the messages have no other vector index (V20 dropped the HNSW one)
            // (with a rebuild's new or old index, if one is left)
            h.execute("drop index if exists messages_embedding_ivf, messages_embedding_ivf_next,"
                    + " messages_embedding_ivf_old");
            if (previous != dimension) {
                h.execute("drop index if exists docs_chunks_embedding");
                // a table rewrite fires no row trigger: the binary codes (V11) go with the embeddings by hand
                h.execute("delete from message_codes");
                h.execute("alter table messages alter column embedding type vector(" + dimension + ") using null");
                h.execute("alter table docs_chunks alter column embedding type vector(" + dimension + ") using null");
                h.execute("create index docs_chunks_embedding on docs_chunks using hnsw (embedding vector_cosine_ops)");
                settings.setEmbeddingDimension(dimension);
            } else {
                h.execute("update messages set embedding = null where embedding is not null");
                h.execute("update docs_chunks set embedding = null where embedding is not null");
            }
            return previous;
        });
    }

    /** Rows still to embed: messages with text (not the bot's own posts), and documentation chunks. */
    public long remaining() {
        return db.withHandle(h -> h.createQuery("""
                select (select count(*) from messages where embedding is null and coalesce(attrs ->> 'text', '') <> ''
                                                   and (attrs ->> 'own') is null)
                     + (select count(*) from docs_chunks where embedding is null)""").mapTo(Long.class).one());
    }

    /**
     * Whether a message waits in the embedding queue ({@link #embedNewest}'s rows): read through the queue's own index
     * ({@code messages_unembedded}), so that asking costs what is left, not the table (a bench polls it).
     */
    public boolean anyQueued() {
        return db.withHandle(h -> h.createQuery("""
                        select exists (select 1 from messages
                                        where embedding is null and coalesce(attrs ->> 'text', '') <> ''
                                          and (attrs ->> 'deleted') is distinct from 'true'
                                          and (attrs ->> 'embedding_error') is null and (attrs ->> 'own') is null)""").mapTo(Boolean.class).one());
    }

    /** Up to {@code n} rows without an embedding, messages first. */
    public List<Pending> pending(int n) {
        return db.withHandle(h -> h.createQuery("""
                        (select channel_id, ts, null::bigint as chunk_id, attrs ->> 'text' as text from messages
                          where embedding is null and coalesce(attrs ->> 'text', '') <> '' and (attrs ->> 'own') is null
                          limit :n)
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

    /** Turns texts into their vectors, in order, null for a text the embedder refused; for {@link #embedNewest}. */
    @FunctionalInterface
    public interface Vectors<X extends Exception> {
        List<float[]> of(List<String> texts) throws X;
    }

    /**
     * The class of {@link #embedNewest}'s advisory locks (the two-key form, apart from the one-key locks of
     * {@link ModuleRunRepository#lockEvent}).
     */
    static final int EMBEDDING_LOCKS = 0x656d62; // "emb"

    /**
     * Embeds up to {@code n} of the newest messages that have text and no embedding (not the bot's own posts, V14), in one transaction: claims them
     * with a transaction-scoped advisory lock each (concurrent callers take different messages), asks {@code vectors}
     * for their vectors and stores them with one multi-row update, where the text is still the one embedded (an edit
     * meanwhile leaves the message to the next call). The messages' rows are not locked while the embedder runs: a
     * row lock ({@code for update}) held through the model's run made the live path's writes to the same message (the
     * classifier's verdict, a question's record) wait for the batch, up to a second on a busy machine. A failure rolls
     * back and leaves the messages to the next call.
     *
     * @return how many messages were embedded; 0 when none is left (or all are taken by other callers)
     */
    public <X extends Exception> int embedNewest(int n, Vectors<X> vectors) throws X {
        return db.inTransaction(h -> {
            // the candidates first (a bounded set: the limit keeps the lock function off every other row), then the
            // first n of them no other caller holds
            List<Pending> rows = h.createQuery("""
                            select channel_id, ts, text from (
                              select channel_id, ts, attrs ->> 'text' as text from messages
                               where embedding is null and coalesce(attrs ->> 'text', '') <> ''
                                 and (attrs ->> 'deleted') is distinct from 'true' and (attrs ->> 'embedding_error') is null
                                 and (attrs ->> 'own') is null
                               order by posted_at desc limit :candidates) c
                             where pg_try_advisory_xact_lock(:lockClass, hashtext(channel_id || ':' || ts))
                             limit :n""")
                    .bind("lockClass", EMBEDDING_LOCKS)
                    .bind("candidates", n * 4)
                    .bind("n", n)
                    .map((rs, ctx) -> new Pending(rs.getString(1), rs.getString(2), null, rs.getString(3)))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            // the candidates were read in a snapshot taken before their locks: a caller that embedded some of them
            // and committed meanwhile released their locks, so this one took them although they are done. Read again
            // in a new snapshot (this statement's), which sees every commit of a lock's previous holder
            rows = stillUnembedded(h, rows);
            if (rows.isEmpty()) {
                return 0;
            }
            List<float[]> got = vectors.of(rows.stream().map(Pending::text).toList());
            if (got.size() != rows.size()) {
                throw new IllegalStateException(
                        "the embedder returned " + got.size() + " vectors for " + rows.size() + " texts");
            }
            // a text the embedder refused (a null vector) is marked and leaves the queue until an edit, so that one
            // text it will never take does not stall every batch after it
            List<float[]> embedded = new ArrayList<>();
            List<Pending> kept = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (got.get(i) != null) {
                    embedded.add(got.get(i));
                    kept.add(rows.get(i));
                } else {
                    h.createUpdate("""
                                    update messages set attrs = attrs || '{"embedding_error": "refused"}'::jsonb
                                     where channel_id = :c and ts = :ts and attrs ->> 'text' = :text""")
                            .bind("c", rows.get(i).channel())
                            .bind("ts", rows.get(i).ts())
                            .bind("text", rows.get(i).text())
                            .execute();
                }
            }
            rows = kept;
            if (rows.isEmpty()) {
                return 0;
            }
            String[] channels = new String[rows.size()];
            String[] ts = new String[rows.size()];
            String[] texts = new String[rows.size()];
            int dimension = embedded.get(0).length;
            // the vectors side by side in one real[], sent in binary: as text ('[0.0123,...]' per message) formatting
            // and parsing 384 floats each cost more CPU than the rest of the statement
            float[] all = new float[rows.size() * dimension];
            for (int i = 0; i < rows.size(); i++) {
                channels[i] = rows.get(i).channel();
                ts[i] = rows.get(i).ts();
                texts[i] = rows.get(i).text();
                if (embedded.get(i).length != dimension) {
                    throw new IllegalStateException("the embedder returned vectors of " + dimension + " and "
                            + embedded.get(i).length + " dimensions in one batch");
                }
                System.arraycopy(embedded.get(i), 0, all, i * dimension, dimension);
            }
            // an edit committed meanwhile changed the text (and cleared any vector): not this one's vector any more
            h.createUpdate("""
                            update messages m set embedding = cast((e.v)[(v.i - 1) * :dim + 1 : v.i * :dim] as vector)
                              from unnest(cast(:c as text[]), cast(:ts as text[]), cast(:t as text[]))
                                   with ordinality as v(c, ts, t, i),
                                   (select cast(:e as real[]) as v) e
                             where m.channel_id = v.c and m.ts = v.ts and m.embedding is null and m.attrs ->> 'text' = v.t""")
                    .bind("c", channels)
                    .bind("ts", ts)
                    .bind("t", texts)
                    .bind("dim", dimension)
                    .bind("e", (org.jdbi.v3.core.argument.Argument)
                            (position, statement, context) -> statement.setObject(position, all))
                    .execute();
            return rows.size();
        });
    }

    /** Those of {@code rows} whose message still has no embedding and the same text, in a new snapshot. */
    private static List<Pending> stillUnembedded(org.jdbi.v3.core.Handle h, List<Pending> rows) {
        Set<String> left = new HashSet<>(h.createQuery("""
                        select m.channel_id || ':' || m.ts from messages m
                          join unnest(cast(:c as text[]), cast(:ts as text[]), cast(:t as text[])) as v(c, ts, t)
                            on m.channel_id = v.c and m.ts = v.ts
                         where m.embedding is null and m.attrs ->> 'text' = v.t""")
                .bind("c", rows.stream().map(Pending::channel).toArray(String[]::new))
                .bind("ts", rows.stream().map(Pending::ts).toArray(String[]::new))
                .bind("t", rows.stream().map(Pending::text).toArray(String[]::new))
                .mapTo(String.class)
                .list());
        return rows.stream()
                .filter(r -> left.contains(r.channel() + ":" + r.ts()))
                .toList();
    }

    /** Forgets a message's embedding, so that {@link #embedNewest} embeds its new text (after an edit). */
    public void forget(String channelId, String ts) {
        db.withHandle(h -> h.createUpdate(
                        "update messages set embedding = null, attrs = attrs - 'embedding_error'"
                                + " where channel_id = :c and ts = :ts and (embedding is not null or (attrs ->> 'embedding_error') is not null)")
                .bind("c", channelId)
                .bind("ts", ts)
                .execute());
    }
}
