package dev.ratchet.module.commands;

import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.kit.BlockKit;
import dev.ratchet.spi.kit.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A tool's result written for people in Slack mrkdwn: never JSON. Text stays text; a list becomes a count and one
 * bullet per item (a message as its author, linked to it, and its text); a post a tool made becomes a link to it; an
 * object its plain fields, one a line, and its lists as counts with their first items. The raw result stays
 * available through the API ({@code GET /api/modules/commands/results/{channel}/{ts}}).
 */
final class ResultText {

    /** Items of a list shown; the rest are counted. */
    static final int MAX_ITEMS = 10;
    /** Items of a list inside an object shown. */
    static final int MAX_NESTED_ITEMS = 5;
    /** Characters of one item's text. */
    static final int MAX_ITEM_TEXT = 200;

    private final BiFunction<String, String, String> permalink;
    private final UnaryOperator<String> channelName;

    /**
     * @param permalink   a message's link by channel id and ts ({@link SlackService#permalink})
     * @param channelName a channel's name by id ("#team-ops")
     */
    ResultText(BiFunction<String, String, String> permalink, UnaryOperator<String> channelName) {
        this.permalink = permalink;
        this.channelName = channelName;
    }

    /** Links and names from Slack. */
    static ResultText of(SlackService slack) {
        return new ResultText(slack::permalink, id -> slack.readable("<#" + id + ">"));
    }

    /** A tool's return value, as the tool returned it (a string, a record, maps and lists). */
    String render(Object value) {
        return SlackText.cut(renderPlain(SlackText.plain(value)), SlackText.MAX_RESULT);
    }

    /** A tool result recorded as JSON text (the tool loop's record). */
    String renderJson(String json) {
        if (json == null || json.isBlank()) {
            return "_(no result)_";
        }
        Object parsed;
        try {
            parsed = JsonText.parse(json);
        } catch (IllegalArgumentException notJson) {
            return SlackText.cut(json, SlackText.MAX_RESULT);
        }
        return SlackText.cut(renderPlain(parsed), SlackText.MAX_RESULT);
    }

    @SuppressWarnings("unchecked")
    private String renderPlain(Object value) {
        if (value == null) {
            return "_(no result)_";
        }
        if (value instanceof String s) {
            return s.isBlank() ? "_(empty result)_" : s;
        }
        if (value instanceof List<?> list) {
            return list(list);
        }
        if (value instanceof Map<?, ?> map) {
            return object((Map<String, Object>) map);
        }
        return String.valueOf(value);
    }

    private String list(List<?> list) {
        if (list.isEmpty()) {
            return "_Nothing found._";
        }
        StringBuilder b = new StringBuilder(list.size() == 1 ? "1 result:" : list.size() + " results:");
        bullets(b, list, MAX_ITEMS, "");
        return b.toString();
    }

    private void bullets(StringBuilder b, List<?> list, int max, String indent) {
        for (int i = 0; i < Math.min(max, list.size()); i++) {
            b.append('\n').append(indent).append("• ").append(item(list.get(i)));
        }
        if (list.size() > max) {
            b.append('\n')
                    .append(indent)
                    .append("_… and ")
                    .append(list.size() - max)
                    .append(" more_");
        }
    }

    @SuppressWarnings("unchecked")
    private String object(Map<String, Object> map) {
        if (map.isEmpty()) {
            return "_(empty result)_";
        }
        // {"text": …}: a tool's readable form
        if (map.size() == 1 && map.get("text") instanceof String text) {
            return text;
        }
        Object channel = first(map, "channel", "channel_id", "channelId");
        Object ts = map.get("ts");
        if (channel instanceof String c && ts instanceof String t && !map.containsKey("text")) {
            // what a tool posted: a link to it says more than its fields
            return "posted " + BlockKit.link(permalink.apply(c, t), "in " + channelName(c)) + ".";
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            String label = "*" + BlockKit.escape(label(e.getKey())) + "*";
            if (b.length() > 0) {
                b.append('\n');
            }
            if (v instanceof List<?> list) {
                b.append(label).append(": ").append(list.isEmpty() ? "none" : String.valueOf(list.size()));
                bullets(b, list, MAX_NESTED_ITEMS, "    ");
            } else if (v instanceof Map<?, ?> nested) {
                b.append(label).append(": ").append(scalars((Map<String, Object>) nested, 6));
            } else {
                b.append(label).append(": ").append(BlockKit.escape(oneLine(String.valueOf(v), MAX_ITEM_TEXT)));
            }
        }
        return b.toString();
    }

    /** One item of a list: a message as author (linked) and text; anything else as its plain fields. */
    @SuppressWarnings("unchecked")
    private String item(Object item) {
        if (item instanceof Map<?, ?> raw) {
            Map<String, Object> m = (Map<String, Object>) raw;
            if (m.get("text") instanceof String text) {
                Object channel = first(m, "channel", "channel_id", "channelId");
                Object author = first(m, "author", "user", "username");
                Object at = first(m, "posted_at", "postedAt", "at", "time");
                String who = author == null ? "someone" : String.valueOf(author);
                String whoLinked = channel instanceof String c && m.get("ts") instanceof String t
                        ? BlockKit.link(permalink.apply(c, t), who)
                        : "*" + BlockKit.escape(who) + "*";
                return whoLinked + (at == null ? "" : " (" + BlockKit.escape(shortTime(String.valueOf(at))) + ")")
                        + ": " + BlockKit.escape(oneLine(text, MAX_ITEM_TEXT));
            }
            return scalars(m, 6);
        }
        if (item instanceof List<?> list) {
            return list.size() + " items";
        }
        return BlockKit.escape(oneLine(String.valueOf(item), MAX_ITEM_TEXT));
    }

    /** The plain fields of an object on one line, "label: value · label: value". */
    private static String scalars(Map<String, Object> m, int max) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            if (v == null || v instanceof Map || v instanceof List) {
                continue;
            }
            if (parts.size() == max) {
                parts.add("…");
                break;
            }
            parts.add(BlockKit.escape(label(e.getKey()).toLowerCase(Locale.ROOT)) + ": "
                    + BlockKit.escape(oneLine(String.valueOf(v), 80)));
        }
        return parts.isEmpty() ? "_(no details)_" : String.join(" · ", parts);
    }

    private String channelName(String channelId) {
        String name = channelName.apply(channelId);
        return name == null || name.isBlank() ? channelId : name;
    }

    private static Object first(Map<String, Object> m, String... keys) {
        for (String k : keys) {
            if (m.get(k) != null) {
                return m.get(k);
            }
        }
        return null;
    }

    /** {@code never_acted_on} or {@code neverActedOn} as "Never acted on". */
    static String label(String key) {
        String words = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replace('_', ' ')
                .replace('-', ' ')
                .toLowerCase(Locale.ROOT)
                .trim();
        return words.isEmpty() ? key : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** An ISO instant as "2026-12-01 14:03 UTC"; anything else as it is. */
    private static String shortTime(String text) {
        if (text.length() >= 16 && text.charAt(10) == 'T' && text.endsWith("Z")) {
            return text.substring(0, 10) + " " + text.substring(11, 16) + " UTC";
        }
        return text;
    }

    private static String oneLine(String text, int max) {
        String line = text.replace('\n', ' ').replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max - 1).stripTrailing() + "…";
    }
}
