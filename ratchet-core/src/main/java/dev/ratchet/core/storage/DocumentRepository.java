package dev.ratchet.core.storage;

import com.pgvector.PGvector;
import dev.ratchet.core.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * The documentation tables: {@code docs_sources} (one row per configured source, its status in attrs),
 * {@code docs_documents} (one per file) and {@code docs_chunks} (a document's chunks and their embeddings); and the
 * advisory locks that keep two refreshes of one source apart.
 */
public final class DocumentRepository {

    private final Database db;

    public DocumentRepository(Database db) {
        this.db = db;
    }

    /** One chunk to store: its heading, text and embedding. */
    public record NewChunk(String heading, String text, float[] embedding) {}

    /** A source with its attributes and how many documents and chunks it has. */
    public record SourceRow(String id, String kind, Map<String, Object> attrs, long documents, long chunks) {}

    /** A chunk found by vector search. */
    public record ChunkHit(
            String sourceId, String path, String revision, String heading, String content, double distance) {}

    /** A stored document. */
    public record StoredDocument(String revision, Map<String, Object> attrs, String content) {}

    /** Work done while a lock is held. */
    @FunctionalInterface
    public interface LockedWork<T, X extends Exception> {
        T run() throws X;
    }

    /** A session advisory lock held on a connection of its own; closing it unlocks and returns the connection. */
    public static final class SessionLock implements AutoCloseable {
        private final Handle handle;
        private final long key;

        private SessionLock(Handle handle, long key) {
            this.handle = handle;
            this.key = key;
        }

        @Override
        public void close() {
            try {
                handle.createQuery("select pg_advisory_unlock(:k)")
                        .bind("k", key)
                        .mapTo(Boolean.class)
                        .one();
            } finally {
                handle.close();
            }
        }
    }

    /** A transaction lock could not be taken within its timeout. */
    public static final class LockTimeoutException extends RuntimeException {
        LockTimeoutException(JdbiException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Takes the session advisory lock {@code key} on a connection of its own (the work under it commits in many short
     * transactions on others): waits up to {@code waitTimeout} (a PostgreSQL interval) when given, else only tries.
     *
     * @return the held lock, or empty when {@code waitTimeout} is null and another session holds it
     */
    public Optional<SessionLock> sessionLock(long key, String waitTimeout) {
        Handle lock = db.jdbi().open();
        try {
            if (waitTimeout != null) {
                lock.execute("set lock_timeout = '" + waitTimeout + "'");
                lock.createQuery("select pg_advisory_lock(:k)::text")
                        .bind("k", key)
                        .mapTo(String.class)
                        .one();
                lock.execute("reset lock_timeout");
            } else if (!lock.createQuery("select pg_try_advisory_lock(:k)")
                    .bind("k", key)
                    .mapTo(Boolean.class)
                    .one()) {
                lock.close();
                return Optional.empty();
            }
            return Optional.of(new SessionLock(lock, key));
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Runs {@code work} in a transaction holding the transaction advisory lock {@code key}, waiting up to
     * {@code timeout} (a PostgreSQL interval) for it.
     *
     * @throws LockTimeoutException when the lock was not free in time
     */
    public <T, X extends Exception> T underTransactionLock(long key, String timeout, LockedWork<T, X> work) throws X {
        try {
            return db.inTransaction(h -> {
                h.execute("set local lock_timeout = '" + timeout + "'");
                h.createQuery("select 1 from pg_advisory_xact_lock(:k)")
                        .bind("k", key)
                        .mapTo(Integer.class)
                        .one();
                return work.run();
            });
        } catch (JdbiException e) {
            if (String.valueOf(e.getMessage()).contains("lock timeout")) {
                throw new LockTimeoutException(e);
            }
            throw e;
        }
    }

    /** A source's attributes; empty when it was never refreshed. */
    public Map<String, Object> sourceAttrs(String sourceId) {
        return db.withHandle(h -> h.createQuery("select attrs from docs_sources where id = :id")
                .bind("id", sourceId)
                .mapTo(String.class)
                .findOne()
                .map(Json::readMap)
                .orElse(Map.of()));
    }

    /** Creates a source or updates its kind, merging {@code attrs} into its attributes. */
    public void upsertSource(String sourceId, String kind, Map<String, Object> attrs) {
        db.withHandle(h -> h.createUpdate("""
                        insert into docs_sources (id, kind, attrs) values (:id, :kind, cast(:attrs as jsonb))
                        on conflict (id) do update set kind = excluded.kind, attrs = docs_sources.attrs || excluded.attrs, updated_at = now()""")
                .bind("id", sourceId)
                .bind("kind", kind)
                .bind("attrs", Json.write(attrs))
                .execute());
    }

    /** Merges {@code attrs} into a source's attributes. */
    public void mergeSourceAttrs(String sourceId, Map<String, Object> attrs) {
        db.withHandle(h -> h.createUpdate(
                        "update docs_sources set attrs = attrs || cast(:a as jsonb), updated_at = now() where id = :id")
                .bind("a", Json.write(attrs))
                .bind("id", sourceId)
                .execute());
    }

    /** The stored documents of a source: path → revision. */
    public Map<String, String> revisions(String sourceId) {
        Map<String, String> stored = new LinkedHashMap<>();
        db.withHandle(h -> {
            h.createQuery("select path, revision from docs_documents where source_id = :s")
                    .bind("s", sourceId)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(e -> stored.put(e.getKey(), e.getValue()));
            return null;
        });
        return stored;
    }

    public void deleteDocument(String sourceId, String path) {
        db.withHandle(h -> h.createUpdate("delete from docs_documents where source_id = :s and path = :p")
                .bind("s", sourceId)
                .bind("p", path)
                .execute());
    }

    public int countDocuments(String sourceId) {
        return db.withHandle(h -> h.createQuery("select count(*) from docs_documents where source_id = :s")
                .bind("s", sourceId)
                .mapTo(Integer.class)
                .one());
    }

    /** Whether the stored document has exactly this content (false when none is stored). */
    public boolean hasContent(String sourceId, String path, String content) {
        return db.withHandle(
                h -> h.createQuery("select content = :c from docs_documents where source_id = :s and path = :p")
                        .bind("c", content)
                        .bind("s", sourceId)
                        .bind("p", path)
                        .mapTo(Boolean.class)
                        .findOne()
                        .orElse(false));
    }

    /** Sets the revision of a stored document whose content is unchanged. */
    public void setRevision(String sourceId, String path, String revision) {
        db.withHandle(h -> h.createUpdate("""
                        update docs_documents set revision = :r, updated_at = now()
                         where source_id = :s and path = :p and revision is distinct from :r""")
                .bind("r", revision)
                .bind("s", sourceId)
                .bind("p", path)
                .execute());
    }

    /** Stores a document and replaces its chunks, in one transaction. */
    public void replaceDocument(
            String sourceId,
            String path,
            String revision,
            Map<String, Object> attrs,
            String content,
            List<NewChunk> chunks) {
        db.inTransaction(h -> {
            long id = h.createQuery("""
                            insert into docs_documents (source_id, path, revision, attrs, content) values (:s, :p, :r, cast(:a as jsonb), :c)
                            on conflict (source_id, path) do update set revision = excluded.revision, attrs = excluded.attrs,
                                   content = excluded.content, updated_at = now()
                            returning id""")
                    .bind("s", sourceId)
                    .bind("p", path)
                    .bind("r", revision)
                    .bind("a", Json.write(attrs))
                    .bind("c", content)
                    .mapTo(Long.class)
                    .one();
            h.createUpdate("delete from docs_chunks where document_id = :id")
                    .bind("id", id)
                    .execute();
            for (int i = 0; i < chunks.size(); i++) {
                h.createUpdate(
                                "insert into docs_chunks (document_id, ordinal, heading, content, embedding) values (:d, :o, :h, :c, :v)")
                        .bind("d", id)
                        .bind("o", i)
                        .bind("h", chunks.get(i).heading())
                        .bind("c", chunks.get(i).text())
                        .bind("v", new PGvector(chunks.get(i).embedding()))
                        .execute();
            }
            return null;
        });
    }

    /** Every source with its counts, by id. */
    public List<SourceRow> sources() {
        return db.withHandle(h -> h.createQuery("""
                        select s.id, s.kind, s.attrs, (select count(*) from docs_documents d where d.source_id = s.id) as documents,
                               (select count(*) from docs_chunks c join docs_documents d on d.id = c.document_id where d.source_id = s.id) as chunks
                          from docs_sources s order by s.id""")
                .map((rs, ctx) -> new SourceRow(
                        rs.getString("id"),
                        rs.getString("kind"),
                        Json.readMap(rs.getString("attrs")),
                        rs.getLong("documents"),
                        rs.getLong("chunks")))
                .list());
    }

    /** The {@code limit} chunks nearest to {@code query} by cosine distance. */
    public List<ChunkHit> nearestChunks(float[] query, int limit) {
        return db.inTransaction(h -> {
            h.execute("set local hnsw.iterative_scan = relaxed_order");
            return h.createQuery("""
                            select d.source_id, d.path, d.revision, c.heading, c.content, c.embedding <=> :q as distance
                              from docs_chunks c join docs_documents d on d.id = c.document_id
                             where c.embedding is not null
                             order by c.embedding <=> :q limit :n""")
                    .bind("q", new PGvector(query))
                    .bind("n", limit)
                    .map((rs, ctx) -> new ChunkHit(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getDouble(6)))
                    .list();
        });
    }

    /**
     * The {@code limit} chunks whose words best match {@code orQuery} (a {@code to_tsquery} of words joined by
     * {@code |}, built by the caller from letters and digits only), by {@code ts_rank_cd} over their {@code tsv}, with
     * their cosine distance to {@code query}.
     */
    public List<ChunkHit> lexicalChunks(String orQuery, float[] query, int limit) {
        return db.withHandle(h -> h.createQuery("""
                        select d.source_id, d.path, d.revision, c.heading, c.content, c.embedding <=> :q as distance
                          from docs_chunks c join docs_documents d on d.id = c.document_id,
                               to_tsquery('english', :w) as w
                         where c.tsv @@ w and c.embedding is not null
                         order by ts_rank_cd(c.tsv, w) desc, c.id limit :n""")
                .bind("q", new PGvector(query))
                .bind("w", orQuery)
                .bind("n", limit)
                .map((rs, ctx) -> new ChunkHit(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getDouble(6)))
                .list());
    }

    /** Several stored documents of one source, by path (one query); paths not stored are absent. */
    public Map<String, StoredDocument> documents(String sourceId, java.util.Collection<String> paths) {
        Map<String, StoredDocument> found = new LinkedHashMap<>();
        if (paths.isEmpty()) {
            return found;
        }
        db.withHandle(h -> {
            h.createQuery("""
                            select path, revision, attrs, content from docs_documents
                             where source_id = :s and path = any(:p)""")
                    .bind("s", sourceId)
                    .bind("p", paths.stream().distinct().toArray(String[]::new))
                    .map((rs, ctx) -> Map.entry(
                            rs.getString(1),
                            new StoredDocument(rs.getString(2), Json.readMap(rs.getString(3)), rs.getString(4))))
                    .forEach(e -> found.put(e.getKey(), e.getValue()));
            return null;
        });
        return found;
    }

    public Optional<StoredDocument> document(String sourceId, String path) {
        return db.withHandle(h -> h.createQuery(
                        "select revision, attrs, content from docs_documents where source_id = :s and path = :p")
                .bind("s", sourceId)
                .bind("p", path)
                .map((rs, ctx) -> new StoredDocument(rs.getString(1), Json.readMap(rs.getString(2)), rs.getString(3)))
                .findOne());
    }
}
