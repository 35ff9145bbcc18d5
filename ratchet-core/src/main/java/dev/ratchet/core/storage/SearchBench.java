package dev.ratchet.core.storage;

import com.pgvector.PGvector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code ratchet bench search} needs from the database besides {@link HybridSearch} itself: a generated history,
 * sample queries taken from the stored messages, and the Go Ratchet v0.0.11 query shape to compare with. Not used by
 * the bot.
 */
public final class SearchBench {

    /** The team id of generated messages. */
    public static final String TEAM = "TBENCH";

    private final Database db;

    public SearchBench(Database db) {
        this.db = db;
    }

    /** A stored message taken as a query: its text and its embedding. */
    public record Sample(String channelId, String ts, String text, float[] embedding) {}

    /** A search result as the Go shape returns it. */
    public record Hit(String channelId, String ts, double score) {}

    /** How many messages there are, and how many of them were generated. */
    public record Counts(long messages, long generated, long embedded) {}

    public Counts counts() {
        return db.withHandle(h -> h.createQuery("""
                        select count(*), count(*) filter (where team_id = :team), count(embedding) from messages""")
                .bind("team", TEAM)
                .map((rs, ctx) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .one());
    }

    /** The newest message's time, if any. */
    public Optional<Instant> newest() {
        return db.withHandle(h -> h.createQuery("select max(posted_at) from messages")
                .map((rs, ctx) -> rs.getObject(1, OffsetDateTime.class))
                .findOne()
                .map(OffsetDateTime::toInstant));
    }

    /**
     * Replaces the messages with {@code n} generated ones (one a minute back from {@code end}; see
     * {@code bench/search-generate.sql}), inserted set-based with the messages' secondary indexes dropped, then rebuilds
     * those indexes with the definitions the migrations gave them, and analyses the table.
     */
    public void generate(long n, Instant end, int dimension) {
        String sql = resource("/bench/search-generate.sql")
                .replaceAll(":n\\b", Long.toString(n))
                .replaceAll(":end\\b", Long.toString(end.getEpochSecond()))
                .replaceAll(":dim\\b", Integer.toString(dimension));
        List<String> indexes =
                db.withHandle(h -> h.createQuery("""
                        select indexdef from pg_indexes
                         where schemaname = current_schema() and tablename = 'messages'
                           and indexname not in (select conname from pg_constraint where conrelid = 'messages'::regclass)
                         order by indexname""").mapTo(String.class).list());
        db.inTransaction(h -> {
            h.execute("truncate messages, message_codes");
            for (String def : indexes) {
                h.execute("drop index " + indexName(def));
            }
            // V11's triggers would write each message's code as it is inserted; one insert after is faster
            h.execute("alter table messages disable trigger message_codes_insert");
            h.createScript(sql).execute();
            h.execute("alter table messages enable trigger message_codes_insert");
            h.execute("""
                    insert into message_codes (channel_id, ts, posted_at, code)
                    select channel_id, ts, posted_at, binary_quantize(embedding) from messages
                     where embedding is not null order by posted_at""");
            return null;
        });
        db.withHandle(h -> {
            // the HNSW graph of a million 384-d vectors takes ~2 GB; built in memory it is several times faster
            h.execute("set maintenance_work_mem = '3GB'");
            h.execute("set max_parallel_maintenance_workers = 2");
            for (String def : indexes) {
                h.execute(def);
            }
            // V9's IVFFlat index is built only over enough embeddings, so not by the migrations of an empty schema
            h.execute(resource("/db/migration/V9__search_vector_lists.sql")
                    .replace("${embedding_dimension}", Integer.toString(dimension)));
            h.execute("vacuum analyze messages");
            h.execute("vacuum analyze message_codes");
            return null;
        });
    }

    private static String indexName(String indexDef) {
        // "CREATE [UNIQUE] INDEX name ON schema.table ..."
        String[] words = indexDef.split("\\s+");
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equalsIgnoreCase("INDEX")) {
                return words[i + 1];
            }
        }
        throw new IllegalStateException("no index name in " + indexDef);
    }

    private static String resource(String path) {
        try (InputStream in = Objects.requireNonNull(SearchBench.class.getResourceAsStream(path), path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Up to {@code n} messages with text and an embedding, spread over the whole history, the same for one seed: the
     * sample's rows in a fixed order (a hash of their keys), since a sampled scan may start anywhere in the table.
     */
    public List<Sample> samples(int n, long seed) {
        long count = Math.max(1, counts().embedded());
        double percent = Math.min(100, 100.0 * Math.max(50, n * 20L) / count);
        return db.withHandle(h -> h.createQuery("""
                        select channel_id, ts, attrs ->> 'text', embedding
                          from messages tablesample bernoulli (%s) repeatable (%d)
                         where embedding is not null and coalesce(attrs ->> 'text', '') <> ''
                         order by md5(channel_id || ':' || ts)
                         limit :n""".formatted(percent, seed))
                .bind("n", n)
                .map((rs, ctx) -> new Sample(
                        rs.getString(1), rs.getString(2), rs.getString(3), new PGvector(rs.getString(4)).toArray()))
                .list());
    }

    /**
     * The hybrid search of Go Ratchet v0.0.11, written from its description: every message of the window (a scan, the
     * window being computed from {@code ts}), ranked lexically and semantically by window functions over the whole
     * window, the two rankings fused by a full outer join, then the best {@code limit} joined back to the messages.
     */
    public List<Hit> goShape(String text, float[] vector, Instant since, Instant until, int limit) {
        return db.withHandle(h -> h.createQuery("""
                        with in_window as (
                          select channel_id, ts, tsv, embedding from messages
                           where cast(split_part(ts, '.', 1) as numeric) >= :since
                             and cast(split_part(ts, '.', 1) as numeric) < :until
                             and coalesce(attrs ->> 'text', '') <> ''),
                        lexical as (
                          select channel_id, ts,
                                 row_number() over (order by ts_rank(tsv, plainto_tsquery('english', search_text(:text))) desc) as r
                            from in_window),
                        semantic as (
                          select channel_id, ts, row_number() over (order by embedding <=> :v) as r from in_window),
                        fused as (
                          select coalesce(l.channel_id, s.channel_id) as channel_id, coalesce(l.ts, s.ts) as ts,
                                 1.0 / (60 + coalesce(l.r, 1000)) + 1.0 / (60 + coalesce(s.r, 1000)) as score
                            from lexical l full outer join semantic s on s.channel_id = l.channel_id and s.ts = l.ts)
                        select m.channel_id, m.ts, m.attrs, f.score
                          from fused f join messages m on m.channel_id = f.channel_id and m.ts = f.ts
                         order by f.score desc
                         limit :limit""")
                .bind("since", since.getEpochSecond())
                .bind("until", until.getEpochSecond())
                .bind("text", text)
                .bind("v", new PGvector(vector))
                .bind("limit", limit)
                .map((rs, ctx) -> new Hit(rs.getString(1), rs.getString(2), rs.getDouble(4)))
                .list());
    }

    /** The exact {@code k} nearest messages of the window (a distance sort over every embedded message in it). */
    public List<String> exactNearest(float[] vector, Instant since, Instant until, int k) {
        return db.withHandle(h -> h.createQuery("""
                        select channel_id || '/' || ts from messages
                         where embedding is not null and posted_at >= :since and posted_at < :until
                         order by (embedding <=> :v) + 0, channel_id, ts
                         limit :k""")
                .bind("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .bind("until", OffsetDateTime.ofInstant(until, ZoneOffset.UTC))
                .bind("v", new PGvector(vector))
                .bind("k", k)
                .mapTo(String.class)
                .list());
    }

    /** Messages in the window, counted up to {@code cap}. */
    public long windowSize(Instant since, Instant until) {
        return db.withHandle(
                h -> h.createQuery("select count(*) from messages where posted_at >= :since and posted_at < :until")
                        .bind("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                        .bind("until", OffsetDateTime.ofInstant(until, ZoneOffset.UTC))
                        .mapTo(Long.class)
                        .one());
    }

    /** The server's version line and pgvector's version, for the bench's header. */
    public String server() {
        return db.withHandle(h -> h.createQuery("""
                        select 'PostgreSQL ' || current_setting('server_version') || ', pgvector '
                               || coalesce((select extversion from pg_extension where extname = 'vector'), 'none')
                               || ', shared_buffers ' || current_setting('shared_buffers')
                               || ', messages ' || pg_size_pretty(pg_table_size('messages'))
                               || ' + indexes ' || pg_size_pretty(pg_indexes_size('messages'))
                               || ', message_codes ' || pg_size_pretty(pg_total_relation_size('message_codes'))
                               || ', work_mem ' || current_setting('work_mem')""").mapTo(String.class).one());
    }

    /** The messages' indexes, {@code name (method)}, for the bench's header. */
    public List<String> indexes() {
        return new ArrayList<>(
                db.withHandle(h -> h.createQuery("""
                        select i.relname || ' (' || am.amname || ')' from pg_index x
                          join pg_class i on i.oid = x.indexrelid join pg_am am on am.oid = i.relam
                         where x.indrelid = 'messages'::regclass order by i.relname""").mapTo(String.class).list()));
    }
}
