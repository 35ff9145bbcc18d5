package dev.ratchet.core.slack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a Slack message (as in events, history, replies and export files: they share one shape) into the attributes
 * Ratchet stores: the searchable text including what bots put in attachments and blocks, the author, the reactions,
 * and the original JSON under {@code slack}.
 */
public final class SlackMessages {

    private SlackMessages() {}

    /** The attributes to store for {@code message}. */
    public static Map<String, Object> attrs(Map<String, Object> message) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("text", fullText(message));
        put(attrs, "user", message.get("user"));
        put(attrs, "bot_id", message.get("bot_id"));
        put(attrs, "username", botName(message));
        put(attrs, "subtype", message.get("subtype"));
        if ("thread_broadcast".equals(message.get("subtype"))) {
            attrs.put("broadcast", true);
        }
        Object reactions = message.get("reactions");
        if (reactions instanceof List<?> list) {
            Map<String, Object> byName = new LinkedHashMap<>();
            for (Object r : list) {
                if (r instanceof Map<?, ?> m && m.get("name") != null) {
                    byName.put(m.get("name").toString(), m.get("users") instanceof List<?> users ? users : List.of());
                }
            }
            attrs.put("reactions", byName);
        }
        attrs.put("slack", message);
        return attrs;
    }

    /** The parent's ts for a thread reply, or null for a top-level message or a thread's parent. */
    public static String parentTs(Map<String, Object> message) {
        Object thread = message.get("thread_ts");
        Object ts = message.get("ts");
        return thread != null && !Objects.equals(thread, ts) ? thread.toString() : null;
    }

    private static void put(Map<String, Object> attrs, String key, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            attrs.put(key, value);
        }
    }

    /**
     * The name a bot's message shows: the {@code username} it posted under (an app posting as "Sentry" or "KEDA" through
     * one relay, as Slack displays it), else its app's name.
     */
    private static Object botName(Map<String, Object> message) {
        if (message.get("username") instanceof String u && !u.isBlank()) {
            return u;
        }
        if (message.get("bot_profile") instanceof Map<?, ?> profile && profile.get("name") != null) {
            return profile.get("name");
        }
        return message.get("username");
    }

    /** The message text plus the text of its attachments and blocks, where alerting tools put the substance. */
    static String fullText(Map<String, Object> message) {
        List<String> parts = new ArrayList<>();
        add(parts, message.get("text"));
        if (message.get("attachments") instanceof List<?> attachments) {
            for (Object a : attachments) {
                if (a instanceof Map<?, ?> att) {
                    for (String key : List.of("pretext", "author_name", "title", "text", "footer")) {
                        add(parts, att.get(key));
                    }
                    if (att.get("fields") instanceof List<?> fields) {
                        for (Object f : fields) {
                            if (f instanceof Map<?, ?> field) {
                                add(parts, join(field.get("title"), field.get("value")));
                            }
                        }
                    }
                    // an attachment may hold Block Kit blocks instead of a title and text (Slack's "secondary
                    // attachments": an app's alert card with a coloured bar)
                    if (att.get("blocks") instanceof List<?> inner) {
                        inner.forEach(b -> blockText(b, parts));
                    } else if (att.get("text") == null && att.get("title") == null) {
                        add(parts, att.get("fallback"));
                    }
                }
            }
        }
        if (message.get("blocks") instanceof List<?> blocks
                && (message.get("text") == null
                        || message.get("text").toString().isBlank())) {
            blocks.forEach(b -> blockText(b, parts));
        }
        // an email sent to the channel (Slack's email app: a file of type email): its subject and body are the message
        if (message.get("files") instanceof List<?> files) {
            for (Object f : files) {
                if (f instanceof Map<?, ?> file && "email".equals(file.get("filetype"))) {
                    add(parts, file.get("subject") != null ? file.get("subject") : file.get("title"));
                    add(parts, file.get("plain_text") != null ? file.get("plain_text") : file.get("preview"));
                }
            }
        }
        List<String> unique = new ArrayList<>();
        for (String p : parts) {
            if (!unique.contains(p)) {
                unique.add(p);
            }
        }
        return String.join("\n", unique);
    }

    private static void blockText(Object node, List<String> parts) {
        if (node instanceof Map<?, ?> m) {
            if (("mrkdwn".equals(m.get("type")) || "plain_text".equals(m.get("type")))
                    && m.get("text") instanceof String s) {
                add(parts, s);
                return;
            }
            if ("text".equals(m.get("type")) && m.get("text") instanceof String s) {
                add(parts, s);
                return;
            }
            m.values().forEach(v -> blockText(v, parts));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> blockText(v, parts));
        }
    }

    private static String join(Object a, Object b) {
        String x = a == null ? "" : a.toString();
        String y = b == null ? "" : b.toString();
        return x.isEmpty() ? y : y.isEmpty() ? x : x + ": " + y;
    }

    private static void add(List<String> parts, Object value) {
        if (value != null && !value.toString().isBlank()) {
            parts.add(value.toString().strip());
        }
    }
}
