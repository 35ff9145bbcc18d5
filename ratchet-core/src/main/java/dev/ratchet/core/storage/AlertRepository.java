package dev.ratchet.core.storage;

import dev.ratchet.core.Json;
import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.MessageRef;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Alert events, stored as the annotation the classifier module has always written: {@code attrs.classifier} of the
 * message, with {@code action} ({@code open}, {@code close}, or {@code none} once retracted), {@code service},
 * {@code alert}, {@code priority}, {@code duration_seconds}, {@code source}, {@code method}, and once paired
 * {@code closed_ts} (on the open) or {@code opened_ts} (on the close). Keeping that layout keeps existing databases
 * valid without a migration; this class is the only one that knows it.
 */
public final class AlertRepository {

    /** The key of the annotation under {@code attrs}: the classifier module's id, which wrote it before 0.2. */
    static final String NAMESPACE = "classifier";

    private static final String A = "m.attrs -> 'classifier'";
    private static final Map<String, String> CLASSIFICATIONS = Map.of(
            "open", A + " ->> 'action' = 'open'",
            "close", A + " ->> 'action' = 'close'",
            "alert", A + " ->> 'action' in ('open', 'close')",
            "none", A + " ->> 'action' = 'none'",
            "unclassified", A + " is null");
    private static final String SELECT = "select m.channel_id, m.ts, m.posted_at, " + A + " as alert from messages m\n";
    private static final String MESSAGES =
            "select m.team_id, m.channel_id, m.ts, m.parent_ts, m.attrs, m.posted_at from messages m\n";

    private final Database db;
    private final MessageRepository messages;

    public AlertRepository(Database db) {
        this.db = db;
        this.messages = new MessageRepository(db);
    }

    /** Writes an event's fields into its message's annotation, keeping the other keys (pairing, a stated duration). */
    public void record(AlertEvent event) {
        record(event, false);
    }

    /**
     * {@link #record(AlertEvent)}; {@code unflushed}, outside a transaction, with a commit that does not wait for the
     * disk ({@link Database#UNFLUSHED_COMMIT}): for a module run's own record, which its run, lost with it in a
     * PostgreSQL crash, makes again.
     */
    public void record(AlertEvent event, boolean unflushed) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("action", word(event.action()));
        a.put("service", event.service());
        a.put("alert", event.alert());
        event.priority().ifPresent(p -> a.put("priority", p));
        event.duration().ifPresent(d -> a.put("duration_seconds", d.toSeconds()));
        a.put("source", event.source());
        a.put("method", event.method());
        if (unflushed && !db.inOpenTransaction()) {
            messages.annotateUnflushed(
                    event.message().channelId(), event.message().ts(), NAMESPACE, a);
        } else {
            annotate(event.message(), a);
        }
    }

    /**
     * Records {@code event} as {@link #record} does, unless its message already has an annotation (a classification,
     * or a retraction): for imports, which must neither override the classifier nor change anything when run again.
     *
     * @return whether it was recorded
     */
    public boolean recordIfUnclassified(AlertEvent event) {
        boolean annotated = db.withHandle(h -> h.createQuery(
                                "select count(*) from messages where channel_id = :channel and ts = :ts and attrs -> :ns is not null")
                        .bind("channel", event.message().channelId())
                        .bind("ts", event.message().ts())
                        .bind("ns", NAMESPACE)
                        .mapTo(Integer.class)
                        .one()
                > 0);
        if (annotated) {
            return false;
        }
        record(event);
        return true;
    }

    /** Marks an annotated message as no alert ({@code action: none}); leaves a message with no annotation alone. */
    public void retract(MessageRef message) {
        db.withHandle(h -> h.createUpdate("""
                        update messages
                           set attrs = jsonb_set(attrs, array[:ns, 'action'], '"none"'::jsonb), updated_at = now()
                         where channel_id = :channel and ts = :ts and jsonb_typeof(attrs -> :ns) = 'object'""")
                .bind("ns", NAMESPACE)
                .bind("channel", message.channelId())
                .bind("ts", message.ts())
                .execute());
    }

    /**
     * Links an open and its close, both ways, with the duration, in one transaction; an open and close that are the
     * same message (resolved in place by an edit) only gets {@code closed_ts}, its own ts, and stays an open.
     */
    public void pair(MessageRef open, MessageRef close, Duration duration) {
        if (open.equals(close)) {
            annotate(open, Map.of("closed_ts", open.ts(), "duration_seconds", duration.toSeconds()));
            return;
        }
        Map<String, Object> onOpen = new LinkedHashMap<>();
        onOpen.put("closed_ts", close.ts());
        onOpen.put("duration_seconds", duration.toSeconds());
        Map<String, Object> onClose = new LinkedHashMap<>();
        onClose.put("opened_ts", open.ts());
        onClose.put("duration_seconds", duration.toSeconds());
        db.inTransaction(h -> {
            messages.annotate(h, open.channelId(), open.ts(), NAMESPACE, onOpen);
            messages.annotate(h, close.channelId(), close.ts(), NAMESPACE, onClose);
            return null;
        });
    }

    /** Unpairs an open paired with itself (resolved in place), and drops its duration; leaves any other alone. */
    public void reopen(MessageRef open) {
        db.withHandle(h -> h.createUpdate("""
                        update messages
                           set attrs = jsonb_set(attrs, array[:ns], (attrs -> :ns) - 'closed_ts' - 'duration_seconds'),
                               updated_at = now()
                         where channel_id = :channel and ts = :ts and attrs -> :ns ->> 'action' = 'open'
                           and attrs -> :ns ->> 'closed_ts' = :ts""")
                .bind("ns", NAMESPACE)
                .bind("channel", open.channelId())
                .bind("ts", open.ts())
                .execute());
    }

    private void annotate(MessageRef message, Map<String, Object> values) {
        db.inTransaction(h -> {
            messages.annotate(h, message.channelId(), message.ts(), NAMESPACE, values);
            return null;
        });
    }

    /**
     * The events of a channel or of every channel ({@code channelId} null), one alert's or all ({@code service} and
     * {@code alert} null), oldest first; when there are more than {@code limit}, the latest {@code limit} (every caller
     * looks back from now: the runbook's newest past firings, the opens a close may pair with). The statement is written for the conditions given, each an equality or a
     * constant (no {@code :x is null or ...}), so that a prepared statement's generic plan, which PostgreSQL may take
     * from its sixth run on a connection, reads the same index as a plan made for its values: a channel's alerts from
     * {@code messages_alerts_channel}, one alert's from {@code messages_alerts_name} (V19; V21 orders it by ts too, so that the limit stops its scan), the others from
     * {@code messages_alerts}. Before, the runbook's past occurrences of one alert read every alert of every channel in
     * its 90 days, and a channel's read every channel's.
     */
    public List<AlertEvent> find(
            String channelId,
            String service,
            String alert,
            AlertEvent.Action action,
            boolean onlyUnpaired,
            Instant from,
            Instant to,
            int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append("""
                 where m.posted_at >= :from and m.posted_at < :to
                   and m.attrs -> 'classifier' ->> 'action' in ('open', 'close')
                """);
        if (channelId != null) {
            sql.append("   and m.channel_id = :channel\n");
        }
        if (action != null) {
            sql.append("   and m.attrs -> 'classifier' ->> 'action' = '")
                    .append(word(action))
                    .append("'\n");
        }
        if (service != null) {
            sql.append("   and m.attrs -> 'classifier' ->> 'service' = :service\n");
        }
        if (alert != null) {
            sql.append("   and m.attrs -> 'classifier' ->> 'alert' = :alert\n");
        }
        if (onlyUnpaired) {
            sql.append("   and m.attrs -> 'classifier' ->> 'closed_ts' is null\n");
        }
        sql.append(" order by m.posted_at desc, m.ts desc limit :limit");
        List<AlertEvent> latest = db.withHandle(h -> {
            var query = h.createQuery(sql.toString())
                    .bind("from", utc(from))
                    .bind("to", utc(to))
                    .bind("limit", limit);
            if (channelId != null) {
                query.bind("channel", channelId);
            }
            if (service != null) {
                query.bind("service", service);
            }
            if (alert != null) {
                query.bind("alert", alert);
            }
            return query.map(EVENT).list();
        });
        List<AlertEvent> oldestFirst = new java.util.ArrayList<>(latest);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    private static final RowMapper<AlertEvent> EVENT = (rs, ctx) -> {
        String json = rs.getString("alert");
        return event(
                        new MessageRef(rs.getString("channel_id"), rs.getString("ts")),
                        rs.getObject("posted_at", OffsetDateTime.class).toInstant(),
                        json == null ? Map.of() : Json.readMap(json))
                .orElseThrow(() -> new IllegalStateException("the query selects alert events only"));
    };

    /** The alert event a message carries in its attributes; empty when none (no annotation, or retracted). */
    public static Optional<AlertEvent> of(Message message) {
        return message.attrs().get(NAMESPACE) instanceof Map<?, ?> a
                ? event(MessageRef.of(message), message.postedAt(), a)
                : Optional.empty();
    }

    /** The stored annotation as is, for the API's {@code classification} field of a message; null when none. */
    public static Object annotation(Message message) {
        return message.attrs().get(NAMESPACE);
    }

    private static Optional<AlertEvent> event(MessageRef ref, Instant at, Map<?, ?> a) {
        AlertEvent.Action action;
        if ("open".equals(a.get("action"))) {
            action = AlertEvent.Action.OPEN;
        } else if ("close".equals(a.get("action"))) {
            action = AlertEvent.Action.CLOSE;
        } else {
            return Optional.empty();
        }
        Object paired = a.get(action == AlertEvent.Action.OPEN ? "closed_ts" : "opened_ts");
        return Optional.of(new AlertEvent(
                ref,
                at,
                action,
                text(a.get("service")),
                text(a.get("alert")),
                Optional.ofNullable(a.get("priority")).map(Object::toString),
                a.get("duration_seconds") instanceof Number n
                        ? Optional.of(Duration.ofSeconds(Math.round(n.doubleValue())))
                        : Optional.empty(),
                Optional.ofNullable(paired).map(Object::toString),
                text(a.get("source")),
                text(a.get("method"))));
    }

    // the API's views of alerts: per alert of a channel, and one alert's firings as paged messages with their threads

    /**
     * One alert's counts in a channel and period.
     *
     * @param meanOpenSeconds the mean {@code duration} of its paired opens, null when none has one
     * @param priority        the greatest priority text among its events, null when none has one
     */
    public record AlertCounts(
            String service,
            String alert,
            long opens,
            long closes,
            long unresolved,
            Double meanOpenSeconds,
            Instant lastOpenedAt,
            String priority) {}

    /** Per service and alert, the opens and closes of a channel posted in {@code [since, until)}, by service then alert. */
    public List<AlertCounts> counts(String channel, Instant since, Instant until) {
        return db.withHandle(h -> h.createQuery("""
                        select m.attrs -> 'classifier' ->> 'service' as service, m.attrs -> 'classifier' ->> 'alert' as alert,
                               count(*) filter (where m.attrs -> 'classifier' ->> 'action' = 'open') as opens,
                               count(*) filter (where m.attrs -> 'classifier' ->> 'action' = 'close') as closes,
                               count(*) filter (where m.attrs -> 'classifier' ->> 'action' = 'open'
                                                  and m.attrs -> 'classifier' ->> 'closed_ts' is null) as unresolved,
                               avg(cast(m.attrs -> 'classifier' ->> 'duration_seconds' as double precision))
                                   filter (where m.attrs -> 'classifier' ->> 'action' = 'open') as mean_open_seconds,
                               max(m.posted_at) filter (where m.attrs -> 'classifier' ->> 'action' = 'open') as last_opened_at,
                               max(m.attrs -> 'classifier' ->> 'priority') as priority
                          from messages m
                         where m.channel_id = :channel and m.posted_at >= :since and m.posted_at < :until
                           and m.attrs -> 'classifier' ->> 'action' in ('open', 'close')
                         group by 1, 2 order by 1, 2""")
                .bind("channel", channel)
                .bind("since", utc(since))
                .bind("until", utc(until))
                .map((rs, ctx) -> {
                    double mean = rs.getDouble("mean_open_seconds");
                    Double meanOrNull = rs.wasNull() ? null : mean;
                    OffsetDateTime last = rs.getObject("last_opened_at", OffsetDateTime.class);
                    return new AlertCounts(
                            rs.getString("service"),
                            rs.getString("alert"),
                            rs.getLong("opens"),
                            rs.getLong("closes"),
                            rs.getLong("unresolved"),
                            meanOrNull,
                            last == null ? null : last.toInstant(),
                            rs.getString("priority"));
                })
                .list());
    }

    /**
     * The messages that opened one alert in a channel posted in {@code [since, until)}, newest first, after
     * {@code cursor} (a ts, exclusive) when given.
     */
    public List<Message> firings(
            String channel, String service, String alert, Instant since, Instant until, String cursor, int limit) {
        // the alert's name as equalities, which messages_alerts_name gives (V19), and the cursor's condition only when
        // there is one: a generic plan can use neither a containment nor an `:x is null or` condition
        String sql = MESSAGES + """
                 where m.channel_id = :channel and m.attrs -> 'classifier' ->> 'action' in ('open', 'close')
                   and m.attrs -> 'classifier' ->> 'action' = 'open'
                   and m.attrs -> 'classifier' ->> 'service' = :service and m.attrs -> 'classifier' ->> 'alert' = :alert
                   and m.posted_at >= :since and m.posted_at < :until
                """
                + (cursor == null
                        ? ""
                        : "   and (m.posted_at, m.ts) < (to_timestamp(cast(:cursor as double precision)), :cursor)\n")
                + " order by m.posted_at desc, m.ts desc limit :limit";
        return db.withHandle(h -> {
            var query = h.createQuery(sql)
                    .bind("channel", channel)
                    .bind("service", service)
                    .bind("alert", alert)
                    .bind("since", utc(since))
                    .bind("until", utc(until))
                    .bind("limit", limit);
            if (cursor != null) {
                query.bind("cursor", cursor);
            }
            return query.map(MessageRepository.MAPPER).list();
        });
    }

    /** The replies in the threads of {@code parents} (firings of a channel), by parent ts, oldest first. */
    public Map<String, List<Message>> replies(String channel, List<String> parents) {
        Map<String, List<Message>> threads = new LinkedHashMap<>();
        if (!parents.isEmpty()) {
            db.withHandle(h -> h.createQuery(MESSAGES + """
                             where m.channel_id = :channel and m.parent_ts in (<parents>) and m.ts <> m.parent_ts
                             order by m.posted_at, m.ts""")
                            .bind("channel", channel)
                            .bindList("parents", parents)
                            .map(MessageRepository.MAPPER)
                            .list())
                    .forEach(r -> threads.computeIfAbsent(r.threadTs().orElseThrow(), k -> new ArrayList<>())
                            .add(r));
        }
        return threads;
    }

    /** The names of the message listing's {@code classification} filter, sorted. */
    public static List<String> classifications() {
        return CLASSIFICATIONS.keySet().stream().sorted().toList();
    }

    /** The SQL condition of a {@code classification} filter over {@code messages m}; empty for an unknown name. */
    public static Optional<String> classificationCondition(String name) {
        return Optional.ofNullable(CLASSIFICATIONS.get(name));
    }

    private static String word(AlertEvent.Action action) {
        return action == AlertEvent.Action.OPEN ? "open" : "close";
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
