package dev.ratchet.module.report;

import dev.ratchet.spi.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a Block Kit message (header, section, fields, context, divider) as the JSON array Slack's
 * {@code chat.postMessage} takes in {@code blocks}, keeping within Slack's limits so that a long report is shortened
 * rather than refused: at most 50 blocks, 150 characters of header, 3,000 of section text, 10 fields of 2,000,
 * 10 context elements.
 *
 * <p>Methods taking {@code mrkdwn} expect text that is already Slack markup: escape any quoted text with
 * {@link #escape(String)} first. Header text is {@code plain_text}, which Slack shows as is.
 */
final class BlockKit {

    static final int MAX_BLOCKS = 50;
    static final int MAX_HEADER = 150;
    static final int MAX_SECTION = 3000;
    static final int MAX_FIELD = 2000;
    static final int MAX_FIELDS = 10;
    static final int MAX_CONTEXT_ELEMENTS = 10;

    private final List<Map<String, Object>> blocks = new ArrayList<>();

    /**
     * Escapes the three characters Slack reads as markup in message text: {@code &}, {@code <}, {@code >}. Apply it
     * to anything quoted (alert texts, names, LLM output), never to the markup around it.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A header block (plain text, one line). */
    BlockKit header(String plainText) {
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("type", "plain_text");
        text.put("text", cut(plainText.replace('\n', ' '), MAX_HEADER));
        text.put("emoji", true);
        return add(block("header", "text", text));
    }

    /** A section block of mrkdwn text. */
    BlockKit section(String mrkdwn) {
        return add(block("section", "text", mrkdwn(cut(mrkdwn, MAX_SECTION))));
    }

    /** A section block of up to ten mrkdwn fields, shown in two columns; later fields are dropped. */
    BlockKit fields(List<String> mrkdwnFields) {
        List<Object> fields = new ArrayList<>();
        for (String f : mrkdwnFields.subList(0, Math.min(MAX_FIELDS, mrkdwnFields.size()))) {
            fields.add(mrkdwn(cut(f, MAX_FIELD)));
        }
        return add(block("section", "fields", fields));
    }

    /** A context block: small grey mrkdwn lines; later elements are dropped. */
    BlockKit context(String... mrkdwnElements) {
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_CONTEXT_ELEMENTS, mrkdwnElements.length); i++) {
            elements.add(mrkdwn(cut(mrkdwnElements[i], MAX_SECTION)));
        }
        return add(block("context", "elements", elements));
    }

    /** A divider line. */
    BlockKit divider() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", "divider");
        return add(b);
    }

    /** How many blocks were added (at most {@link #MAX_BLOCKS} are kept). */
    int size() {
        return blocks.size();
    }

    /** The blocks as a JSON array. */
    String toJson() {
        return JsonText.write(blocks);
    }

    private BlockKit add(Map<String, Object> block) {
        // beyond Slack's limit the post would be refused outright; dropping the tail keeps the report readable
        if (blocks.size() < MAX_BLOCKS) {
            blocks.add(block);
        }
        return this;
    }

    private static Map<String, Object> block(String type, String key, Object value) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", type);
        b.put(key, value);
        return b;
    }

    private static Map<String, Object> mrkdwn(String text) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("type", "mrkdwn");
        // Slack refuses empty text objects
        t.put("text", text.isEmpty() ? " " : text);
        return t;
    }

    /**
     * {@code text} cut to at most {@code max} characters, at the last line break (or space) before the limit when
     * there is one, so that an escape such as {@code &amp;} or a {@code *bold*} pair is not cut in the middle, and
     * marked with an ellipsis.
     */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int limit = max - 1;
        int at = text.lastIndexOf('\n', limit);
        if (at < max / 2) {
            at = text.lastIndexOf(' ', limit);
        }
        if (at < max / 2) {
            at = limit;
            // never split an HTML entity: back up to before its '&'
            int amp = text.lastIndexOf('&', at);
            if (amp >= 0 && amp > at - 5 && text.indexOf(';', amp) >= at) {
                at = amp;
            }
        }
        return text.substring(0, at) + "…";
    }
}
