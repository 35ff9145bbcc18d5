package dev.ratchet.core.slack;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The shape an Events API {@code event_callback} must have before anything of it is stored: ids that look like Slack
 * ids, timestamps that look like Slack timestamps, and fields of the right JSON types. Used by every path that
 * ingests live events (HTTP Events API and Socket Mode), so that a payload that can never be stored is dropped at the
 * edge rather than failing (and being retried) or being stored with a channel id such as {@code {a=1}}.
 *
 * <p>The reasons returned name fields, never their values: they are logged.
 */
final class EventShape {

    /**
     * Slack ids ({@code C…}, {@code D…}, {@code G…}, {@code U…}, {@code W…}, {@code B…}, {@code T…}): an upper-case
     * letter, then letters, digits, {@code _} or {@code -} (test workspaces use ids such as {@code C_OPS} or
     * {@code C-DUP}).
     */
    static final Pattern ID = Pattern.compile("[A-Z][A-Za-z0-9_-]{1,79}");
    /** Slack message timestamps: {@code 1700000000.000100}. */
    static final Pattern TS = Pattern.compile("[0-9]{1,12}\\.[0-9]{1,12}");
    /** Event ids: {@code Ev…}, any letters and digits. */
    static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private EventShape() {}

    /** The event id when it is safe to log, else {@code "?"}. */
    static String loggableEventId(Map<String, Object> payload) {
        return payload.get("event_id") instanceof String s
                        && EVENT_ID.matcher(s).matches()
                ? s
                : "?";
    }

    /** Why {@code payload} (a parsed {@code event_callback}) cannot be stored, or null when its shape is right. */
    static String problem(Map<String, Object> payload) {
        String p = firstOf(
                required(payload, "event_id", EVENT_ID), required(payload, "team_id", ID), type(payload, "", "type"));
        if (p != null) {
            return p;
        }
        if (!(payload.get("event") instanceof Map<?, ?> rawEvent)) {
            return "no 'event' object";
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) rawEvent;
        if (!(event.get("type") instanceof String type) || type.isBlank()) {
            return "event.type missing or not a string";
        }
        p = firstOf(
                optional(event, "event.", "event_ts", TS),
                optional(event, "event.", "user", ID),
                optional(event, "event.", "bot_id", ID),
                optional(event, "event.", "thread_ts", TS),
                type(event, "event.", "subtype"),
                type(event, "event.", "text"));
        if (p != null) {
            return p;
        }
        return switch (type) {
            case "message" -> message(event);
            case "app_mention" ->
                firstOf(required(event, "event.", "channel", ID), required(event, "event.", "ts", TS));
            case "reaction_added", "reaction_removed" -> {
                if (!(event.get("item") instanceof Map<?, ?> item)) {
                    yield "event.item missing or not an object";
                }
                if (!"message".equals(item.get("type"))) {
                    yield null; // reactions to files are ignored
                }
                yield firstOf(
                        required(cast(item), "event.item.", "channel", ID),
                        required(cast(item), "event.item.", "ts", TS),
                        required(event, "event.", "user", ID),
                        event.get("reaction") instanceof String r && !r.isBlank()
                                ? null
                                : "event.reaction missing or not a string");
            }
            case "member_joined_channel" ->
                firstOf(required(event, "event.", "channel", ID), required(event, "event.", "user", ID));
            case "channel_rename" -> {
                if (!(event.get("channel") instanceof Map<?, ?> channel)) {
                    yield "event.channel missing or not an object";
                }
                yield firstOf(
                        required(cast(channel), "event.channel.", "id", ID),
                        channel.get("name") instanceof String ? null : "event.channel.name missing or not a string");
            }
            default -> null; // not stored
        };
    }

    private static String message(Map<String, Object> event) {
        String p = required(event, "event.", "channel", ID);
        if (p != null) {
            return p;
        }
        Object subtype = event.get("subtype");
        if ("message_changed".equals(subtype)) {
            if (!(event.get("message") instanceof Map<?, ?> changed)) {
                return "event.message missing or not an object";
            }
            Map<String, Object> m = cast(changed);
            return firstOf(
                    required(m, "event.message.", "ts", TS),
                    optional(m, "event.message.", "thread_ts", TS),
                    optional(m, "event.message.", "user", ID),
                    optional(m, "event.message.", "bot_id", ID),
                    type(m, "event.message.", "text"),
                    m.get("edited") instanceof Map<?, ?> edited
                            ? optional(cast(edited), "event.message.edited.", "ts", TS)
                            : null);
        }
        if ("message_deleted".equals(subtype)) {
            return required(event, "event.", "deleted_ts", TS);
        }
        if ("message_replied".equals(subtype)) {
            return null;
        }
        return required(event, "event.", "ts", TS);
    }

    private static String required(Map<String, Object> map, String key, Pattern shape) {
        return required(map, "", key, shape);
    }

    private static String required(Map<String, Object> map, String prefix, String key, Pattern shape) {
        if (map.get(key) == null) {
            return prefix + key + " missing";
        }
        return optional(map, prefix, key, shape);
    }

    private static String optional(Map<String, Object> map, String prefix, String key, Pattern shape) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            return prefix + key + " is not a string";
        }
        return shape.matcher(s).matches() ? null : prefix + key + " is not a Slack " + (shape == TS ? "ts" : "id");
    }

    /** A field that, when present, must be a string. */
    private static String type(Map<String, Object> map, String prefix, String key) {
        Object value = map.get(key);
        return value == null || value instanceof String ? null : prefix + key + " is not a string";
    }

    private static String firstOf(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
