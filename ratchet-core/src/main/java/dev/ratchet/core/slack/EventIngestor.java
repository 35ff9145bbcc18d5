package dev.ratchet.core.slack;

import dev.ratchet.core.Json;
import dev.ratchet.core.jobs.EventDispatcher;
import dev.ratchet.core.jobs.EventRef;
import dev.ratchet.core.ops.RatchetMetrics;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.DatabaseUnavailableException;
import dev.ratchet.core.storage.MessageIngest;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.core.storage.MessageRepository.Upsert;
import dev.ratchet.core.storage.SlackEventRepository;
import dev.ratchet.spi.EventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores Slack events and enqueues the module work they cause, each event in one transaction. The caller
 * acknowledges the event to Slack only after {@link #ingest} returns, so a crash before the commit means Slack
 * delivers it again, and a redelivery (same {@code event_id}) stores and enqueues nothing.
 *
 * <p>History (onboarding backfill, export import) goes through {@link #storeHistory}: same storage, enrichment
 * only, never replies.
 */
public final class EventIngestor {

    private static final Logger log = LoggerFactory.getLogger(EventIngestor.class);

    /** What {@link #ingest} did with an event. */
    public enum Outcome {
        STORED,
        DUPLICATE,
        IGNORED,
        /** Signed but of a shape that can never be stored (see {@link EventShape}): dropped, counted and logged. */
        MALFORMED
    }

    private final Database db;
    private final MessageRepository messages;
    private final SlackEventRepository events;
    private final MessageIngest ingest;
    private final EventDispatcher dispatcher;
    private final SlackDirectory directory;
    private final Identity identity;
    private final Consumer<String> onBotJoined;
    private final RatchetMetrics metrics;
    private final AtomicLong ingested = new AtomicLong();

    /** Who the bot is, to recognise its own messages and its joining a channel. */
    public interface Identity {
        Optional<String> botUserId();

        Optional<String> botId();
    }

    /**
     * @param onBotJoined called (after the commit) with a channel id when the bot joins it, to start onboarding
     */
    public EventIngestor(
            Database db,
            EventDispatcher dispatcher,
            SlackDirectory directory,
            Identity identity,
            Consumer<String> onBotJoined) {
        this(db, dispatcher, directory, identity, onBotJoined, RatchetMetrics.disabled());
    }

    /** @param metrics where stored and duplicate events are counted */
    public EventIngestor(
            Database db,
            EventDispatcher dispatcher,
            SlackDirectory directory,
            Identity identity,
            Consumer<String> onBotJoined,
            RatchetMetrics metrics) {
        this.metrics = metrics;
        this.db = db;
        this.messages = new MessageRepository(db);
        this.events = new SlackEventRepository(db);
        this.ingest = new MessageIngest(db);
        this.dispatcher = dispatcher;
        this.directory = directory;
        this.identity = identity;
        this.onBotJoined = onBotJoined;
    }

    /**
     * Stores one Events API {@code event_callback} and enqueues its module work; returns after the commit.
     *
     * <p>An event whose shape is wrong (ids, ts, field types; see {@link EventShape}) is not stored: it is counted,
     * logged without its content and answered {@link Outcome#MALFORMED}, so that Slack is not made to retry it.
     *
     * @throws IllegalArgumentException     for a payload that is not a JSON object (nothing is stored)
     * @throws DatabaseUnavailableException at once while the database is known to be unreachable, or when its
     *                                      connection fails (nothing is stored; Slack delivers the event again)
     */
    public Outcome ingest(String eventCallbackJson) {
        db.requireReachable();
        try {
            // the root of the event's trace: its jobs' spans are children through the traceparent they carry
            return dev.ratchet.core.ops.Tracing.inSpan(
                    "slack.event", io.opentelemetry.api.trace.SpanKind.CONSUMER, span -> {
                        Outcome outcome = ingestNow(eventCallbackJson, span);
                        span.setAttribute("ratchet.outcome", outcome.name());
                        return outcome;
                    });
        } catch (RuntimeException e) {
            if (db.connectionLost(e)) {
                throw new DatabaseUnavailableException(
                        "event not stored: the database connection failed; Slack delivers it again", e);
            }
            throw e;
        }
    }

    private Outcome ingestNow(String eventCallbackJson, io.opentelemetry.api.trace.Span span) {
        Map<String, Object> payload = Json.readMap(eventCallbackJson);
        if (payload == null) {
            throw new IllegalArgumentException("not a JSON object: null");
        }
        if (dropIfMalformed(payload)) {
            return Outcome.MALFORMED;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) payload.get("event");
        String eventId = str(payload.get("event_id"));
        String teamId = str(payload.get("team_id"));
        String type = str(event.get("type"));
        span.setAttribute("slack.event_id", String.valueOf(eventId));
        span.setAttribute("slack.event_type", String.valueOf(type));
        if (event.get("channel") instanceof String channel) {
            span.setAttribute("slack.channel", channel);
        }
        List<String> joined = new ArrayList<>();
        Result result = dev.ratchet.core.ops.Tracing.inSpan(
                "storage.ingest",
                io.opentelemetry.api.trace.SpanKind.INTERNAL,
                storeSpan -> db.transaction(() -> {
                    if (newMessage(type, event)) {
                        // its event id is recorded by the statement that stores it
                        return message(teamId, event, eventId);
                    }
                    if ("app_mention".equals(type)
                            && eventId != null
                            && event.get("channel") instanceof String
                            && event.get("ts") instanceof String) {
                        // its event id is recorded by the statement that reads its message's runs
                        return mention(teamId, event, eventId);
                    }
                    if (eventId != null && !events.record(eventId, teamId, type == null ? "?" : type)) {
                        return new Result(Outcome.DUPLICATE, false);
                    }
                    return switch (type == null ? "" : type) {
                        case "message" -> message(teamId, event, null);
                        case "reaction_added", "reaction_removed" ->
                            reaction(teamId, event, type.equals("reaction_added"));
                        case "member_joined_channel" -> {
                            if (Objects.equals(
                                    event.get("user"), identity.botUserId().orElse(null))) {
                                directory.upsertChannel(teamId, str(event.get("channel")), Map.of("member", true));
                                joined.add(str(event.get("channel")));
                                yield new Result(Outcome.STORED, false);
                            }
                            yield new Result(Outcome.IGNORED, false);
                        }
                        case "channel_rename" -> {
                            if (event.get("channel") instanceof Map<?, ?> ch) {
                                directory.upsertChannel(
                                        teamId, str(ch.get("id")), Map.of("name", String.valueOf(ch.get("name"))));
                            }
                            yield new Result(Outcome.STORED, false);
                        }
                        case "app_mention" -> mention(teamId, event);
                        default -> new Result(Outcome.IGNORED, false);
                    };
                }));
        if (result.dispatched()) {
            dispatcher.wake();
        }
        if (result.outcome() == Outcome.DUPLICATE) {
            metrics.eventDuplicate();
        } else if (result.outcome() == Outcome.STORED) {
            metrics.eventIngested(type); // only the types stored above: a bounded set
        }
        joined.forEach(onBotJoined);
        if (ingested.incrementAndGet() % 10_000 == 0) {
            prune();
        }
        return result.outcome();
    }

    /**
     * Checks the shape of a parsed {@code event_callback}; when it is wrong, counts it and logs its event id and
     * the reason (never its content) and returns true: the caller acknowledges it and stores nothing.
     */
    boolean dropIfMalformed(Map<String, Object> payload) {
        String problem = EventShape.problem(payload);
        if (problem == null) {
            return false;
        }
        metrics.eventMalformed();
        log.warn(
                "dropped a malformed Slack event {}: {}; not stored, acknowledged so that Slack does not retry it",
                EventShape.loggableEventId(payload),
                problem);
        return true;
    }

    /**
     * What went wrong, for a log line, without the exception messages that may quote SQL and its arguments (message
     * text): exception class names and the SQLState.
     */
    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder(e.getClass().getSimpleName());
        int depth = 0;
        for (Throwable c = e.getCause(); c != null && depth++ < 10; c = c.getCause()) {
            out.append(" <- ").append(c.getClass().getSimpleName());
            if (c instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                out.append(" (SQLState ").append(sql.getSQLState()).append(')');
            }
        }
        return out.toString();
    }

    private record Result(Outcome outcome, boolean dispatched) {}

    /** The subtypes of message events that are not a new message (an edit, a deletion, a notice). */
    private static final java.util.Set<String> NOT_NEW =
            java.util.Set.of("message_changed", "message_deleted", "message_replied");

    /**
     * Whether a {@code message} event is stored as a new message ({@link #message}'s last path): then its event id is
     * recorded by the one statement that stores it ({@link MessageIngest}).
     */
    private static boolean newMessage(String type, Map<String, Object> event) {
        return "message".equals(type)
                && event.get("channel") != null
                && event.get("ts") != null
                && !(event.get("subtype") instanceof String subtype && NOT_NEW.contains(subtype));
    }

    /**
     * Stores a message event.
     *
     * @param eventId the Slack event id, recorded with a new message's statement (nothing is stored when it was
     *     recorded before: {@link Outcome#DUPLICATE}); null when there is none or it was recorded already
     */
    private Result message(String teamId, Map<String, Object> event, String eventId) {
        String channel = str(event.get("channel"));
        String subtype = str(event.get("subtype"));
        if (channel == null) {
            return new Result(Outcome.IGNORED, false);
        }
        if ("message_changed".equals(subtype) && event.get("message") instanceof Map<?, ?> changed) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) changed;
            boolean own = own(m);
            Map<String, Object> attrs = attrs(m, own);
            Object editedTs = m.get("edited") instanceof Map<?, ?> e ? e.get("ts") : event.get("event_ts");
            attrs.put("edited", Map.of("ts", String.valueOf(editedTs)));
            String ts = str(m.get("ts"));
            if (messages.get(channel, ts)
                    .map(old -> Objects.equals(old.text(), attrs.get("text")))
                    .orElse(false)) {
                // an unfurl or a reply count changed, not the text: nothing for modules to redo
                messages.upsert(teamId, channel, ts, SlackMessages.parentTs(m), withoutEditMark(attrs));
                return new Result(Outcome.STORED, false);
            }
            Upsert upsert = messages.upsert(teamId, channel, ts, SlackMessages.parentTs(m), attrs);
            return dispatch(
                    upsert != Upsert.UNCHANGED,
                    new EventRef(
                            "edit:" + channel + ":" + ts + ":" + editedTs,
                            EventType.MESSAGE_EDITED,
                            !own,
                            teamId,
                            channel,
                            ts,
                            null,
                            null),
                    !own);
        }
        if ("message_deleted".equals(subtype)) {
            String ts = str(event.get("deleted_ts"));
            if (ts == null || messages.get(channel, ts).isEmpty()) {
                return new Result(Outcome.IGNORED, false);
            }
            Upsert upsert = messages.upsert(teamId, channel, ts, null, Map.of("deleted", true));
            return dispatch(
                    upsert != Upsert.UNCHANGED,
                    new EventRef(
                            "delete:" + channel + ":" + ts,
                            EventType.MESSAGE_DELETED,
                            true,
                            teamId,
                            channel,
                            ts,
                            null,
                            null));
        }
        if ("message_replied".equals(subtype)) {
            return new Result(Outcome.IGNORED, false); // a legacy notice about a parent; the reply has its own event
        }
        String ts = str(event.get("ts"));
        if (ts == null) {
            return new Result(Outcome.IGNORED, false);
        }
        String parent = SlackMessages.parentTs(event);
        boolean own = own(event);
        // The bot's own posts are stored and enriched but never reacted to, like history, nor embedded.
        EventRef ref = EventRef.message(teamId, channel, ts, parent != null, !own);
        // the event id, the message, its runs and the queues' marks: one statement, one round trip
        EventDispatcher.Plan plan = dispatcher.plan(ref, !own);
        MessageIngest.Stored stored = ingest.store(
                eventId,
                "message",
                new MessageIngest.Message(teamId, channel, ts, parent, attrs(event, own)),
                ref.key(),
                plan.eventJson(),
                plan.runs(),
                plan.runQueues(),
                plan.storedQueue());
        if (stored.duplicate()) {
            return new Result(Outcome.DUPLICATE, false);
        }
        directory.rememberBot(
                teamId, str(event.get("bot_id")), str(SlackMessages.attrs(event).get("username")));
        if (stored.upsert() != Upsert.INSERTED) {
            return ref.live() ? liveAgain(ref) : new Result(Outcome.STORED, false);
        }
        return new Result(
                Outcome.STORED, dispatcher.dispatched(plan, stored.runs(), stored.marked()) > 0 && ref.live());
    }

    /**
     * A message's attributes to store; the bot's own post marked {@code own}, which keeps it out of the embedding
     * queue ({@code messages_unembedded}, V14): its runbooks and answers repeat what search finds anyway, and their
     * embeddings cost about a quarter of the CPU of an alert's reply. Search still finds them by their words.
     */
    private static Map<String, Object> attrs(Map<String, Object> message, boolean own) {
        Map<String, Object> attrs = SlackMessages.attrs(message);
        if (own) {
            attrs.put(OWN, true);
        }
        return attrs;
    }

    /** The attribute marking the bot's own posts, which are not embedded. */
    private static final String OWN = dev.ratchet.spi.Message.OWN;

    /**
     * An app_mention arrives beside the message event of the same message. Whichever comes first stores and
     * dispatches the message; a mention of a message already stored changes nothing, and the message event that
     * follows a mention only completes the stored attributes (it is not a new message, so nothing runs twice).
     */
    private Result mention(String teamId, Map<String, Object> event, String eventId) {
        String channel = str(event.get("channel"));
        String ts = str(event.get("ts"));
        SlackEventRepository.Mention seen =
                events.recordMention(eventId, teamId, channel, ts, "message:" + channel + ":" + ts);
        if (!seen.recorded()) {
            return new Result(Outcome.DUPLICATE, false);
        }
        if (seen.stored()) {
            int dispatched = dispatcher.dispatchLiveAgain(
                    EventRef.message(teamId, channel, ts, seen.reply(), true), seen.handlers());
            return dispatched > 0 ? new Result(Outcome.STORED, true) : new Result(Outcome.IGNORED, false);
        }
        Map<String, Object> asMessage = new LinkedHashMap<>(event);
        asMessage.put("type", "message");
        return message(teamId, asMessage, null);
    }

    /** As {@link #mention(String, Map, String)}, its event id (if any) recorded by the caller. */
    private Result mention(String teamId, Map<String, Object> event) {
        String channel = str(event.get("channel"));
        String ts = str(event.get("ts"));
        if (channel == null || ts == null) {
            return new Result(Outcome.IGNORED, false);
        }
        Optional<dev.ratchet.spi.Message> stored = messages.get(channel, ts);
        if (stored.isPresent()) {
            Result again =
                    liveAgain(EventRef.message(teamId, channel, ts, stored.get().isReply(), true));
            return again.dispatched() ? again : new Result(Outcome.IGNORED, false);
        }
        Map<String, Object> asMessage = new LinkedHashMap<>(event);
        asMessage.put("type", "message");
        return message(teamId, asMessage, null);
    }

    private static Map<String, Object> withoutEditMark(Map<String, Object> attrs) {
        Map<String, Object> copy = new LinkedHashMap<>(attrs);
        copy.remove("edited");
        return copy;
    }

    private Result reaction(String teamId, Map<String, Object> event, boolean added) {
        if (!(event.get("item") instanceof Map<?, ?> item) || !"message".equals(item.get("type"))) {
            return new Result(Outcome.IGNORED, false);
        }
        String channel = str(item.get("channel"));
        String ts = str(item.get("ts"));
        String name = str(event.get("reaction"));
        String user = str(event.get("user"));
        Optional<Map<String, Object>> stored = messages.attrsForUpdate(channel, ts);
        if (stored.isEmpty() || name == null) {
            log.debug("reaction on a message not stored ({}/{}); ignored", channel, ts);
            return new Result(Outcome.IGNORED, false);
        }
        Map<String, Object> attrs = stored.get();
        Map<String, Object> reactions =
                attrs.get("reactions") instanceof Map<?, ?> r ? new LinkedHashMap<>(cast(r)) : new LinkedHashMap<>();
        List<Object> users = reactions.get(name) instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        boolean changed = added ? !users.contains(user) && users.add(user) : users.remove(user);
        if (users.isEmpty()) {
            reactions.remove(name);
        } else {
            reactions.put(name, users);
        }
        messages.upsert(teamId, channel, ts, null, Map.of("reactions", reactions));
        String key = "reaction:" + channel + ":" + ts + ":" + name + ":" + user + ":" + (added ? "added" : "removed")
                + ":" + event.get("event_ts");
        return dispatch(
                changed,
                new EventRef(
                        key,
                        added ? EventType.REACTION_ADDED : EventType.REACTION_REMOVED,
                        true,
                        teamId,
                        channel,
                        ts,
                        name,
                        user));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    /** A live event for a message stored before (as history, or by another delivery): live handlers that never ran, run. */
    private Result liveAgain(EventRef ref) {
        return new Result(Outcome.STORED, dispatcher.dispatchLiveAgain(ref) > 0);
    }

    private Result dispatch(boolean changed, EventRef ref) {
        return dispatch(changed, ref, true);
    }

    /** As {@link #dispatch(boolean, EventRef)}; {@code embed} false for the bot's own post, which is not embedded. */
    private Result dispatch(boolean changed, EventRef ref, boolean embed) {
        if (!changed) {
            return new Result(Outcome.STORED, false);
        }
        return new Result(Outcome.STORED, dispatcher.dispatch(ref, embed) > 0 && ref.live());
    }

    private boolean own(Map<String, Object> message) {
        Object bot = message.get("bot_id");
        Object user = message.get("user");
        return bot != null && Objects.equals(bot, identity.botId().orElse(null))
                || user != null && Objects.equals(user, identity.botUserId().orElse(null));
    }

    /**
     * Stores one message of history (onboarding, thread backfill, export import) and enqueues its
     * enrichment; never replies. Idempotent: a message already stored enqueues nothing.
     */
    public Upsert storeHistory(String teamId, String channelId, Map<String, Object> message) {
        String ts = str(message.get("ts"));
        if (ts == null) {
            throw new IllegalArgumentException("message without ts");
        }
        directory.rememberBot(
                teamId,
                str(message.get("bot_id")),
                str(SlackMessages.attrs(message).get("username")));
        String parent = SlackMessages.parentTs(message);
        boolean own = own(message);
        Upsert upsert = messages.upsert(teamId, channelId, ts, parent, attrs(message, own));
        if (upsert == Upsert.INSERTED) {
            dispatcher.dispatch(EventRef.message(teamId, channelId, ts, parent != null, false), !own);
        }
        return upsert;
    }

    /**
     * Stores messages of one channel's history and enqueues their enrichment, as {@link #storeHistory} does each, with
     * a statement for the messages and one per interested handler (an import's day file); joins the caller's
     * transaction.
     *
     * @return what was done to each distinct ts
     */
    public Map<String, Upsert> storeHistoryAll(String teamId, String channelId, List<Map<String, Object>> batch) {
        List<MessageRepository.Row> rows = new ArrayList<>(batch.size());
        for (Map<String, Object> message : batch) {
            String ts = str(message.get("ts"));
            if (ts == null) {
                throw new IllegalArgumentException("message without ts");
            }
            directory.rememberBot(
                    teamId,
                    str(message.get("bot_id")),
                    str(SlackMessages.attrs(message).get("username")));
            rows.add(new MessageRepository.Row(ts, SlackMessages.parentTs(message), attrs(message, own(message))));
        }
        Map<String, Upsert> done = messages.upsertAll(teamId, channelId, rows);
        List<EventRef> fresh = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (MessageRepository.Row r : rows) {
            if (done.get(r.ts()) == Upsert.INSERTED && seen.add(r.ts())) {
                fresh.add(EventRef.message(teamId, channelId, r.ts(), r.parentTs() != null, false));
            }
        }
        if (!fresh.isEmpty()) {
            dispatcher.dispatchHistory(fresh);
        }
        return done;
    }

    /** Event ids are kept two days: Slack retries within minutes. */
    private void prune() {
        try {
            events.prune();
        } catch (RuntimeException e) {
            log.warn("could not prune old event ids: {}", e.getMessage());
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
