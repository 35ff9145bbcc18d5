package dev.ratchet.module.usage;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal builder of Slack Block Kit JSON (header, section, fields, context, divider) with the two escapings it
 * needs: JSON string literals and Slack's mrkdwn control characters. Hand-written because the module may depend on
 * the SPI and the JDK only. Texts are cut to Slack's limits so that a large report never makes Slack refuse the post.
 * Not thread-safe; build one message per instance.
 */
final class BlockKit {

    static final int MAX_BLOCKS = 50;
    static final int MAX_HEADER = 150;
    static final int MAX_TEXT = 3000;
    static final int MAX_FIELD = 2000;
    static final int MAX_FIELDS = 10;

    private final List<String> blocks = new ArrayList<>();

    /** A header block ({@code plain_text}, emoji shown). */
    BlockKit header(String plainText) {
        return add("{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":" + quote(cut(plainText, MAX_HEADER)) + ",\"emoji\":true}}");
    }

    /** A section with one mrkdwn text; {@code mrkdwn} must already be escaped with {@link #escape}. */
    BlockKit section(String mrkdwn) {
        return add("{\"type\":\"section\",\"text\":" + text(mrkdwn, MAX_TEXT) + "}");
    }

    /** Sections of mrkdwn fields shown side by side, ten per section (Slack's limit). */
    BlockKit fields(List<String> mrkdwn) {
        for (int i = 0; i < mrkdwn.size(); i += MAX_FIELDS) {
            StringBuilder out = new StringBuilder("{\"type\":\"section\",\"fields\":[");
            List<String> part = mrkdwn.subList(i, Math.min(mrkdwn.size(), i + MAX_FIELDS));
            for (int j = 0; j < part.size(); j++) {
                out.append(j == 0 ? "" : ",").append(text(part.get(j), MAX_FIELD));
            }
            add(out.append("]}").toString());
        }
        return this;
    }

    /** A context block with one small mrkdwn text. */
    BlockKit context(String mrkdwn) {
        return add("{\"type\":\"context\",\"elements\":[" + text(mrkdwn, MAX_FIELD) + "]}");
    }

    /** A divider. */
    BlockKit divider() {
        return add("{\"type\":\"divider\"}");
    }

    /** The blocks as a JSON array; at most {@value #MAX_BLOCKS}, later ones dropped. */
    String build() {
        return "[" + String.join(",", blocks.subList(0, Math.min(blocks.size(), MAX_BLOCKS))) + "]";
    }

    private BlockKit add(String block) {
        blocks.add(block);
        return this;
    }

    private static String text(String mrkdwn, int max) {
        return "{\"type\":\"mrkdwn\",\"text\":" + quote(cut(mrkdwn, max)) + "}";
    }

    /** {@code s} cut to {@code max} characters (code points kept whole), ending in an ellipsis when cut. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    /** Escapes Slack's mrkdwn control characters ({@code &}, {@code <}, {@code >}) so user-supplied text stays text. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code s} as a JSON string literal, quotes included (RFC 8259; U+2028 and U+2029 escaped too). */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
