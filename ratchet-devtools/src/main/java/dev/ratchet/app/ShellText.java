package dev.ratchet.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Slack messages as terminal text for {@code ratchet shell}: Block Kit and attachments flattened, as a Slack client
 * shows them (blocks when there are any, else the text), then rendered by the caller (names for mentions).
 */
final class ShellText {

    private ShellText() {}

    /**
     * The message as lines of text.
     *
     * @param readable renders mrkdwn markup (mentions, channel links, links) readably
     */
    static String message(Map<?, ?> message, UnaryOperator<String> readable) {
        List<String> parts = new ArrayList<>();
        String body = message.get("blocks") instanceof List<?> blocks && !blocks.isEmpty()
                ? blocks(blocks)
                : string(message.get("text"));
        if (!body.isBlank()) {
            parts.add(body);
        }
        if (message.get("attachments") instanceof List<?> attachments) {
            for (Object a : attachments) {
                if (a instanceof Map<?, ?> attachment) {
                    parts.add(attachment(attachment));
                }
            }
        }
        return readable.apply(String.join("\n", parts).strip());
    }

    /** Slack's three HTML escapes undone, after the markup they protect was rendered. */
    static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    static String blocks(List<?> blocks) {
        List<String> lines = new ArrayList<>();
        for (Object o : blocks) {
            if (!(o instanceof Map<?, ?> block)) {
                continue;
            }
            String text = switch (string(block.get("type"))) {
                case "header", "markdown" -> text(block.get("text"));
                case "section" -> section(block);
                case "context" -> join(elements(block.get("elements")), "  ");
                case "divider" -> "----";
                case "actions" -> join(elements(block.get("elements")), " ");
                case "image" ->
                    "[image: " + firstNonBlank(string(block.get("alt_text")), text(block.get("title"))) + "]";
                case "rich_text" -> richText(block.get("elements"));
                default -> "";
            };
            if (!text.isBlank()) {
                lines.add(text);
            }
        }
        return String.join("\n", lines);
    }

    private static String section(Map<?, ?> block) {
        List<String> lines = new ArrayList<>();
        lines.add(text(block.get("text")));
        if (block.get("fields") instanceof List<?> fields) {
            for (Object f : fields) {
                lines.add(text(f));
            }
        }
        if (block.get("accessory") instanceof Map<?, ?> accessory) {
            lines.add(element(accessory));
        }
        return join(lines, "\n");
    }

    /** Context and actions elements: texts, images by their alt text, buttons and menus as {@code [label]}. */
    private static List<String> elements(Object elements) {
        List<String> out = new ArrayList<>();
        if (elements instanceof List<?> list) {
            for (Object e : list) {
                if (e instanceof Map<?, ?> element) {
                    out.add(element(element));
                }
            }
        }
        return out;
    }

    private static String element(Map<?, ?> element) {
        return switch (string(element.get("type"))) {
            case "plain_text", "mrkdwn" -> string(element.get("text"));
            case "image" -> "[image: " + string(element.get("alt_text")) + "]";
            default -> element.get("text") != null ? "[" + text(element.get("text")) + "]" : "";
        };
    }

    private static String richText(Object elements) {
        List<String> parts = new ArrayList<>();
        if (!(elements instanceof List<?> list)) {
            return "";
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> e)) {
                continue;
            }
            switch (string(e.get("type"))) {
                case "rich_text_list" -> {
                    if (e.get("elements") instanceof List<?> items) {
                        for (Object item : items) {
                            parts.add(
                                    "• " + (item instanceof Map<?, ?> section ? inline(section.get("elements")) : ""));
                        }
                    }
                }
                case "rich_text_quote" ->
                    parts.add("> " + inline(e.get("elements")).replace("\n", "\n> "));
                default -> parts.add(inline(e.get("elements"))); // rich_text_section, rich_text_preformatted
            }
        }
        return String.join("\n", parts);
    }

    /** The inline elements of a rich text section, with mentions kept as mrkdwn markup, rendered with the rest. */
    private static String inline(Object elements) {
        StringBuilder s = new StringBuilder();
        if (elements instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> e) {
                    s.append(
                            switch (string(e.get("type"))) {
                                case "text" -> string(e.get("text"));
                                case "link" ->
                                    e.get("text") != null
                                            ? "<" + e.get("url") + "|" + e.get("text") + ">"
                                            : string(e.get("url"));
                                case "user" -> "<@" + e.get("user_id") + ">";
                                case "channel" -> "<#" + e.get("channel_id") + ">";
                                case "emoji" -> ":" + e.get("name") + ":";
                                case "broadcast" -> "@" + e.get("range");
                                default -> "";
                            });
                }
            }
        }
        return s.toString();
    }

    private static String attachment(Map<?, ?> a) {
        List<String> lines = new ArrayList<>();
        lines.add(string(a.get("pretext")));
        String title = string(a.get("title"));
        lines.add(
                a.get("title_link") != null && !title.isBlank()
                        ? "<" + a.get("title_link") + "|" + title + ">"
                        : title);
        lines.add(string(a.get("text")));
        if (a.get("fields") instanceof List<?> fields) {
            for (Object f : fields) {
                if (f instanceof Map<?, ?> field) {
                    lines.add(string(field.get("title")) + ": " + string(field.get("value")));
                }
            }
        }
        if (a.get("blocks") instanceof List<?> blocks) {
            lines.add(blocks(blocks));
        }
        String shown = join(lines, "\n");
        return shown.isBlank() ? string(a.get("fallback")) : shown;
    }

    /** A text object ({@code {"type":"mrkdwn","text":...}}) or a plain string. */
    private static String text(Object textObject) {
        return textObject instanceof Map<?, ?> t ? string(t.get("text")) : string(textObject);
    }

    private static String join(List<String> parts, String separator) {
        return String.join(separator, parts.stream().filter(p -> !p.isBlank()).toList());
    }

    private static String firstNonBlank(String a, String b) {
        return a.isBlank() ? b : a;
    }

    private static String string(Object o) {
        return o == null ? "" : o.toString();
    }
}
