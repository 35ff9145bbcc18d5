package dev.ratchet.core.storage;

import dev.ratchet.core.Json;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageRef;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Stored messages. Ingestion writes through {@link #upsert}; modules read through {@code MessageService}.
 *
 * <p>Attributes layout: {@code text}, {@code user}, {@code bot_id}, {@code username}, {@code edited},
 * {@code deleted}, {@code reactions} (emoji → count), and one object per module that annotated the message, under
 * the module's id.
 */
public final class MessageRepository {

    /**
     * How storing a message that is stored already merges into it (an {@code insert into messages as m} clause): its
     * attributes added to the stored ones, its parent kept when not given, and no write at all when nothing changes.
     * {@link MessageIngest} stores a new message with the same clause.
     */
    static final String ON_CONFLICT_MERGE = """
            on conflict (channel_id, ts) do update
               set attrs = m.attrs || excluded.attrs,
                   parent_ts = coalesce(excluded.parent_ts, m.parent_ts),
                   updated_at = now()
             where m.attrs is distinct from m.attrs || excluded.attrs
                or m.parent_ts is distinct from coalesce(excluded.parent_ts, m.parent_ts)""";

    /** What an upsert did. */
    public enum Upsert {
        INSERTED,
        UPDATED,
        UNCHANGED
    }

    private final Database db;

    public MessageRepository(Database db) {
        this.db = db;
    }

    /**
     * Stores a message, idempotently on (channel, ts): a new message is inserted; a known one has {@code attrs}
     * merged into its attributes (top-level keys replaced, others kept). Runs on {@code h}, so it joins the
     * caller's transaction.
     */
    public Upsert upsert(
            Handle h, String teamId, String channelId, String ts, String parentTs, Map<String, Object> attrs) {
        String json = Json.write(attrs);
        Optional<Boolean> inserted = h.createQuery("""
                        insert into messages as m (team_id, channel_id, ts, parent_ts, attrs)
                        values (:team, :channel, :ts, :parent, cast(:attrs as jsonb))
                        """ + ON_CONFLICT_MERGE + """
                        returning (xmax = 0) as inserted""")
                .bind("team", teamId)
                .bind("channel", channelId)
                .bind("ts", ts)
                .bind("parent", parentTs)
                .bind("attrs", json)
                .mapTo(Boolean.class)
                .findOne();
        return inserted.map(i -> i ? Upsert.INSERTED : Upsert.UPDATED).orElse(Upsert.UNCHANGED);
    }

    /** One message of {@link #upsertAll}: its ts, parent ts (or null) and attributes. */
    public record Row(String ts, String parentTs, Map<String, Object> attrs) {}

    /**
     * Stores messages of one channel as {@link #upsert(Handle, String, String, String, String, Map)} does each, with one
     * statement (an import's day file); joins the current transaction. A ts given twice is merged in order first.
     *
     * @return what was done to each distinct ts, in the order first given
     */
    public Map<String, Upsert> upsertAll(String teamId, String channelId, List<Row> rows) {
        Map<String, Row> merged = new java.util.LinkedHashMap<>();
        for (Row r : rows) {
            merged.merge(r.ts(), r, (a, b) -> {
                Map<String, Object> attrs = new java.util.LinkedHashMap<>(a.attrs());
                attrs.putAll(b.attrs());
                return new Row(a.ts(), b.parentTs() != null ? b.parentTs() : a.parentTs(), attrs);
            });
        }
        Map<String, Upsert> out = new java.util.LinkedHashMap<>();
        if (merged.isEmpty()) {
            return out;
        }
        List<Row> distinct = List.copyOf(merged.values());
        Map<String, Boolean> done = db.withHandle(h -> h.createQuery("""
                        insert into messages as m (team_id, channel_id, ts, parent_ts, attrs)
                        select :team, :channel, r.ts, r.parent, cast(r.attrs as jsonb)
                          from unnest(cast(:ts as text[]), cast(:parent as text[]), cast(:attrs as text[]))
                               as r(ts, parent, attrs)
                        on conflict (channel_id, ts) do update
                           set attrs = m.attrs || excluded.attrs,
                               parent_ts = coalesce(excluded.parent_ts, m.parent_ts),
                               updated_at = now()
                         where m.attrs is distinct from m.attrs || excluded.attrs
                            or m.parent_ts is distinct from coalesce(excluded.parent_ts, m.parent_ts)
                        returning m.ts, (xmax = 0) as inserted""")
                .bind("team", teamId)
                .bind("channel", channelId)
                .bind("ts", distinct.stream().map(Row::ts).toArray(String[]::new))
                .bind("parent", distinct.stream().map(Row::parentTs).toArray(String[]::new))
                .bind("attrs", distinct.stream().map(r -> Json.write(r.attrs())).toArray(String[]::new))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        for (Row r : distinct) {
            Boolean inserted = done.get(r.ts());
            out.put(r.ts(), inserted == null ? Upsert.UNCHANGED : inserted ? Upsert.INSERTED : Upsert.UPDATED);
        }
        return out;
    }

    /**
     * Stores a message, idempotently on (channel, ts), as {@link #upsert(Handle, String, String, String, String, Map)};
     * joins the current transaction ({@link Database#transaction}) when there is one.
     */
    public Upsert upsert(String teamId, String channelId, String ts, String parentTs, Map<String, Object> attrs) {
        return db.withHandle(h -> upsert(h, teamId, channelId, ts, parentTs, attrs));
    }

    /** Sets {@code attrs.<namespace>.<key>} for each entry, keeping the namespace's other keys; joins the current transaction. */
    public void annotate(String channelId, String ts, String namespace, Map<String, Object> values) {
        db.withHandle(h -> {
            annotate(h, channelId, ts, namespace, values);
            return null;
        });
    }

    /** A message's attributes, if stored. */
    public Optional<Map<String, Object>> attrs(String channelId, String ts) {
        return db.withHandle(h -> h.createQuery("select attrs from messages where channel_id = :c and ts = :ts")
                        .bind("c", channelId)
                        .bind("ts", ts)
                        .mapTo(String.class)
                        .findOne())
                .map(Json::readMap);
    }

    /** A message's attributes, locking its row until the current transaction ends; empty when not stored. */
    public Optional<Map<String, Object>> attrsForUpdate(String channelId, String ts) {
        return db.withHandle(
                        h -> h.createQuery("select attrs from messages where channel_id = :c and ts = :ts for update")
                                .bind("c", channelId)
                                .bind("ts", ts)
                                .mapTo(String.class)
                                .findOne())
                .map(Json::readMap);
    }

    /** Replaces {@code attrs.backfill}, a thread parent's backfill progress. */
    public void setBackfill(String channelId, String ts, Map<String, Object> state) {
        db.withHandle(h -> h.createUpdate(
                        "update messages set attrs = jsonb_set(attrs, '{backfill}', cast(:s as jsonb)) where channel_id = :c and ts = :ts")
                .bind("s", Json.write(state))
                .bind("c", channelId)
                .bind("ts", ts)
                .execute());
    }

    /** Whether a message is stored. */
    public boolean exists(String channelId, String ts) {
        return db.withHandle(h -> h.createQuery("select count(*) from messages where channel_id = :c and ts = :ts")
                        .bind("c", channelId)
                        .bind("ts", ts)
                        .mapTo(Integer.class)
                        .one())
                > 0;
    }

    /** How many messages of a channel are stored. */
    public int count(String channelId) {
        return db.withHandle(h -> h.createQuery("select count(*) from messages where channel_id = :c")
                .bind("c", channelId)
                .mapTo(Integer.class)
                .one());
    }

    /**
     * One page of a channel's messages in {@code [since, until)}: a thread's when {@code threadTs} is given, else the
     * top-level ones; {@code condition}, when given, is one more SQL condition on {@code m}; {@code cursor} continues
     * after (or, descending, before) the message of that ts. Ordered by time, then ts.
     */
    public List<Message> page(
            String channelId,
            Instant since,
            Instant until,
            Optional<String> threadTs,
            Optional<String> condition,
            Optional<String> cursor,
            boolean ascending,
            int limit) {
        StringBuilder sql = new StringBuilder(PAGE_SELECT + """
                 where m.channel_id = :channel and m.posted_at >= :since and m.posted_at < :until
                """);
        sql.append(
                threadTs.isPresent()
                        ? " and (m.ts = :thread or m.parent_ts = :thread)"
                        : " and (m.parent_ts is null or m.parent_ts = m.ts)");
        condition.ifPresent(c -> sql.append(" and ").append(c));
        cursor.ifPresent(c -> sql.append(" and (m.posted_at, m.ts) ")
                .append(ascending ? ">" : "<")
                .append(" (to_timestamp(cast(:cursor as double precision)), :cursor)"));
        String direction = ascending ? " asc" : " desc";
        sql.append(" order by m.posted_at")
                .append(direction)
                .append(", m.ts")
                .append(direction)
                .append(" limit :limit");
        return db.withHandle(h -> h.createQuery(sql.toString())
                .bind("channel", channelId)
                .bind("since", OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC))
                .bind("until", OffsetDateTime.ofInstant(until, java.time.ZoneOffset.UTC))
                .bind("thread", threadTs.orElse(null))
                .bind("cursor", cursor.orElse(null))
                .bind("limit", limit)
                .map(MAPPER)
                .list());
    }

    private static final String PAGE_SELECT =
            "select m.team_id, m.channel_id, m.ts, m.parent_ts, m.attrs, m.posted_at from messages m\n";

    /** The number of replies (the parent itself not counted) of each of these thread parents that has any. */
    public Map<String, Long> replyCounts(String channelId, List<String> parentTs) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        if (parentTs.isEmpty()) {
            return counts;
        }
        db.withHandle(h -> h.createQuery("""
                        select parent_ts, count(*) from messages
                         where channel_id = :channel and parent_ts in (<parents>) and ts <> parent_ts group by parent_ts""")
                .bind("channel", channelId)
                .bindList("parents", parentTs)
                .map((rs, ctx) -> counts.put(rs.getString(1), rs.getLong(2)))
                .list());
        return counts;
    }

    /** Sets {@code attrs.<namespace>.<key>} for each entry, keeping the namespace's other keys. */
    public void annotate(Handle h, String channelId, String ts, String namespace, Map<String, Object> values) {
        h.createUpdate(ANNOTATE)
                .bind("ns", namespace)
                .bind("values", Json.write(values))
                .bind("channel", channelId)
                .bind("ts", ts)
                .execute();
    }

    private static final String ANNOTATE = """
            update messages
               set attrs = jsonb_set(attrs, array[:ns], coalesce(attrs -> :ns, '{}'::jsonb) || cast(:values as jsonb)),
                   updated_at = now()
             where channel_id = :channel and ts = :ts""";

    /**
     * {@link #annotate(Handle, String, String, String, Map)} as a statement of its own whose commit does not wait for
     * the disk ({@link Database#UNFLUSHED_COMMIT}); call it outside a transaction.
     */
    void annotateUnflushed(String channelId, String ts, String namespace, Map<String, Object> values) {
        db.withHandle(h -> h.createQuery(ANNOTATE + " returning " + Database.UNFLUSHED_COMMIT)
                .bind("ns", namespace)
                .bind("values", Json.write(values))
                .bind("channel", channelId)
                .bind("ts", ts)
                .mapTo(String.class)
                .list());
    }

    public Optional<Message> get(String channelId, String ts) {
        return db.withHandle(h -> h.createQuery(SELECT + " where channel_id = :channel and ts = :ts")
                .bind("channel", channelId)
                .bind("ts", ts)
                .map(MAPPER)
                .findOne());
    }

    /** The messages with these keys ({@code channelIds[i]}, {@code tss[i]}) that exist, in one query, in no order. */
    public List<Message> get(List<String> channelIds, List<String> tss) {
        if (channelIds.isEmpty()) {
            return List.of();
        }
        return db.withHandle(h -> h.createQuery(SELECT + """
                         where (channel_id, ts) in (
                           select * from unnest(cast(:channels as text[]), cast(:tss as text[])))""")
                .bind("channels", channelIds.toArray(String[]::new))
                .bind("tss", tss.toArray(String[]::new))
                .map(MAPPER)
                .list());
    }

    public List<Message> thread(String channelId, String threadTs) {
        return db.withHandle(h -> h.createQuery(SELECT + """
                         where channel_id = :channel and (ts = :ts or parent_ts = :ts)
                         order by (ts = :ts) desc, posted_at, ts""")
                .bind("channel", channelId)
                .bind("ts", threadTs)
                .map(MAPPER)
                .list());
    }

    /**
     * The threads of these parents with one query: for each parent in order (once), what {@link #thread} returns for
     * it. Each parent is looked up in the indexes as {@link #thread} does (a lateral subquery kept from being flattened
     * by {@code offset 0}: as a join on {@code ts or parent_ts} it was planned as a hash join over the whole table).
     */
    public Map<MessageRef, List<Message>> threads(List<MessageRef> parents) {
        Map<MessageRef, List<Message>> threads = new LinkedHashMap<>();
        for (MessageRef p : parents) {
            threads.put(p, new ArrayList<>());
        }
        if (threads.isEmpty()) {
            return threads;
        }
        List<MessageRef> keys = List.copyOf(threads.keySet());
        List<Map.Entry<MessageRef, Message>> rows = db.withHandle(h -> h.createQuery("""
                        select m.team_id, m.channel_id, m.ts, m.parent_ts, m.attrs, m.posted_at, k.ord
                          from unnest(cast(:channels as text[]), cast(:tss as text[])) with ordinality as k(channel_id, ts, ord)
                          cross join lateral (
                            select team_id, channel_id, ts, parent_ts, attrs, posted_at from messages
                             where channel_id = k.channel_id and (ts = k.ts or parent_ts = k.ts)
                            offset 0) m
                         order by k.ord, (m.ts = k.ts) desc, m.posted_at, m.ts""")
                .bind("channels", keys.stream().map(MessageRef::channelId).toArray(String[]::new))
                .bind("tss", keys.stream().map(MessageRef::ts).toArray(String[]::new))
                .map((rs, ctx) -> Map.entry(keys.get(rs.getInt("ord") - 1), MAPPER.map(rs, ctx)))
                .list());
        for (Map.Entry<MessageRef, Message> row : rows) {
            threads.get(row.getKey()).add(row.getValue());
        }
        threads.replaceAll((p, messages) -> List.copyOf(messages));
        return threads;
    }

    public List<Message> window(String channelId, Instant from, Instant to, int limit) {
        return db.withHandle(h -> h.createQuery(SELECT + """
                         where channel_id = :channel and posted_at >= :from and posted_at < :to
                           and (parent_ts is null or parent_ts = ts)
                         order by posted_at, ts
                         limit :limit""")
                .bind("channel", channelId)
                .bind("from", OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC))
                .bind("to", OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC))
                .bind("limit", limit)
                .map(MAPPER)
                .list());
    }

    /** Messages whose {@code attrs.<namespace>} contains {@code match}, in a window, oldest first. */
    public List<Message> annotatedBy(
            String namespace, Map<String, Object> match, String channelId, Instant since, Instant until, int limit) {
        return db.withHandle(h -> h.createQuery(SELECT + """
                         where attrs -> :ns @> cast(:match as jsonb)
                           and posted_at >= :since and posted_at < :until
                           and (cast(:channel as text) is null or channel_id = :channel)
                         order by posted_at, ts
                         limit :limit""")
                .bind("ns", namespace)
                .bind("match", Json.write(match))
                .bind("channel", channelId)
                .bind("since", OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC))
                .bind("until", OffsetDateTime.ofInstant(until, java.time.ZoneOffset.UTC))
                .bind("limit", limit)
                .map(MAPPER)
                .list());
    }

    /** Every message of a channel, replies included, oldest first. */
    public List<Message> ofChannel(String channelId) {
        return db.withHandle(h -> h.createQuery(SELECT + " where channel_id = :channel order by posted_at, ts")
                .bind("channel", channelId)
                .map(MAPPER)
                .list());
    }

    /** Whether the message has an embedding. */
    public boolean hasEmbedding(String channelId, String ts) {
        return db.withHandle(h -> h.createQuery(
                        "select coalesce(bool_or(embedding is not null), false) from messages where channel_id = :c and ts = :ts")
                .bind("c", channelId)
                .bind("ts", ts)
                .mapTo(Boolean.class)
                .one());
    }

    /** How many messages of the channel have an embedding stored. */
    public int countEmbedded(String channelId) {
        return db.withHandle(
                h -> h.createQuery("select count(*) from messages where channel_id = :c and embedding is not null")
                        .bind("c", channelId)
                        .mapTo(Integer.class)
                        .one());
    }

    /** Stores a message's embedding. */
    public void setEmbedding(String channelId, String ts, float[] vector) {
        db.withHandle(h -> h.createUpdate("update messages set embedding = :v where channel_id = :c and ts = :ts")
                .bind("v", new com.pgvector.PGvector(vector))
                .bind("c", channelId)
                .bind("ts", ts)
                .execute());
    }

    private static final String SELECT = "select team_id, channel_id, ts, parent_ts, attrs, posted_at from messages\n";

    /** Maps a row holding team_id, channel_id, ts, parent_ts, attrs and posted_at; for other readers of messages (the API). */
    public static final RowMapper<Message> MAPPER = (rs, ctx) -> message(
            rs.getString("team_id"),
            rs.getString("channel_id"),
            rs.getString("ts"),
            rs.getString("parent_ts"),
            rs.getString("attrs"),
            rs.getObject("posted_at", OffsetDateTime.class));

    /** A message from its row's columns ({@code attrs} as JSON text), as {@link #MAPPER} reads them. */
    static Message message(
            String teamId, String channelId, String ts, String parentTs, String attrsJson, OffsetDateTime postedAt) {
        Map<String, Object> attrs = Json.readMap(attrsJson);
        return new Message(
                teamId,
                channelId,
                ts,
                Optional.ofNullable(parentTs),
                Optional.ofNullable(text(attrs, "user")),
                Optional.ofNullable(text(attrs, "bot_id")),
                text(attrs, "text"),
                postedAt.toInstant(),
                attrs.get("edited") != null && !Boolean.FALSE.equals(attrs.get("edited")),
                Boolean.TRUE.equals(attrs.get("deleted")),
                attrs);
    }

    private static String text(Map<String, Object> attrs, String key) {
        Object v = attrs.get(key);
        return v == null ? null : v.toString();
    }
}
