package dev.ratchet.spi.kit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Slack Block Kit blocks for {@link dev.ratchet.spi.SlackService.Post#blocksJson()}: headers, mrkdwn sections with optional fields,
 * context lines and dividers, written as the JSON array {@code chat.postMessage} takes (through {@link JsonText}).
 *
 * <p>Slack refuses a whole message when one block breaks its limits, so the limits are kept here, in one place, and
 * a long report is shortened rather than lost:
 * <ul>
 *   <li>texts longer than their limit ({@value #MAX_TEXT_CHARS} characters for a section or context text,
 *       {@value #MAX_FIELD_CHARS} for a field, {@value #MAX_HEADER_CHARS} for a header) are cut by
 *       {@link #truncate(String, int)}: at a line break or space when there is one in the second half, never inside
 *       an escape, a {@code <link>} or a surrogate pair, and always marked with "…";</li>
 *   <li>more than {@value #MAX_FIELDS} fields, or context elements, continue in further blocks of the same kind;</li>
 *   <li>beyond {@value #MAX_BLOCKS} blocks, the first {@code MAX_BLOCKS - 1} are kept and the last says how many were
 *       left out;</li>
 *   <li>an empty text becomes a space, since Slack refuses empty text objects.</li>
 * </ul>
 *
 * <p>Texts, apart from the header's, are Slack {@code mrkdwn}: {@code *bold*}, {@code _italic_}, {@code `code`},
 * {@code <url|label>} links, {@code <@U…>} mentions. Markup goes in as it is; anything quoted from users, messages,
 * documents or an LLM must pass through {@link #escape(String)} first, so that its {@code &}, {@code <} and {@code >}
 * stay text, and links are made with {@link #link(String, String)}:
 *
 * <pre>
 * String blocks = BlockKit.empty()
 *         .header("Runbook: DiskFull")
 *         .section("*Overview*\n" + BlockKit.escape(overview))
 *         .section("*Past occurrences*", List.of("*Firings*\n3", "*Resolved*\n2"))
 *         .divider()
 *         .context("See " + BlockKit.link(permalink, "the last thread"))
 *         .toJson();
 * ctx.slack().post(key, new SlackService.Post(channel, threadTs, fallbackText, blocks));
 * </pre>
 *
 * <p>Instances are immutable and thread-safe: every method returns a new {@code BlockKit} and leaves the one it was
 * called on unchanged, so keep the result ({@code kit = kit.section(…)}).
 *
 * @since 0.2
 */
public final class BlockKit {

    /** Blocks in one message. */
    public static final int MAX_BLOCKS = 50;
    /** Characters of a header's plain text. */
    public static final int MAX_HEADER_CHARS = 150;
    /** Characters of a section's or a context element's text. */
    public static final int MAX_TEXT_CHARS = 3000;
    /** Characters of one section field. */
    public static final int MAX_FIELD_CHARS = 2000;
    /** Fields in one section. */
    public static final int MAX_FIELDS = 10;
    /** Elements in one context block. */
    public static final int MAX_CONTEXT_ELEMENTS = 10;

    private static final String ELLIPSIS = "…";
    private static final BlockKit EMPTY = new BlockKit(List.of());

    private final List<Map<String, Object>> blocks;

    private BlockKit(List<Map<String, Object>> blocks) {
        this.blocks = blocks;
    }

    /** A message with no blocks yet. */
    public static BlockKit empty() {
        return EMPTY;
    }

    /**
     * Adds a header: large bold {@code plain_text}, one line (line breaks become spaces), at most
     * {@value #MAX_HEADER_CHARS} characters. Slack shows plain text as it is: do not escape it.
     *
     * @throws NullPointerException when {@code plainText} is null
     */
    public BlockKit header(String plainText) {
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("type", "plain_text");
        text.put(
                "text",
                nonEmpty(truncate(
                        required(plainText, "header text").replaceAll("\\s*[\r\n]+\\s*", " "), MAX_HEADER_CHARS)));
        text.put("emoji", true);
        return with(List.of(block("header", "text", text)));
    }

    /**
     * Adds a section of {@code mrkdwn} text, cut to {@value #MAX_TEXT_CHARS} characters.
     *
     * @throws NullPointerException when {@code mrkdwn} is null
     */
    public BlockKit section(String mrkdwn) {
        return with(List.of(block("section", "text", mrkdwn(required(mrkdwn, "section text"), MAX_TEXT_CHARS))));
    }

    /**
     * Adds a section of {@code mrkdwn} text with fields shown in two columns below it, each cut to
     * {@value #MAX_FIELD_CHARS} characters; fields beyond {@value #MAX_FIELDS} continue in further sections of fields.
     *
     * @throws NullPointerException when {@code mrkdwn}, the list or one of its fields is null
     */
    public BlockKit section(String mrkdwn, List<String> mrkdwnFields) {
        List<Map<String, Object>> added = fieldSections(mrkdwnFields);
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("type", "section");
        first.put("text", mrkdwn(required(mrkdwn, "section text"), MAX_TEXT_CHARS));
        if (!added.isEmpty()) {
            first.put("fields", added.remove(0).get("fields"));
        }
        added.add(0, Collections.unmodifiableMap(first));
        return with(added);
    }

    /**
     * Adds sections of {@code mrkdwn} fields only, shown in two columns: {@value #MAX_FIELDS} to a section, each cut to
     * {@value #MAX_FIELD_CHARS} characters. An empty list adds nothing.
     *
     * @throws NullPointerException when the list or one of its fields is null
     */
    public BlockKit fields(List<String> mrkdwnFields) {
        return with(fieldSections(mrkdwnFields));
    }

    /**
     * Adds a context block: small grey {@code mrkdwn} texts side by side, each cut to {@value #MAX_TEXT_CHARS}
     * characters; elements beyond {@value #MAX_CONTEXT_ELEMENTS} continue in a further context block. No element adds
     * nothing.
     *
     * @throws NullPointerException when an element is null
     */
    public BlockKit context(String... mrkdwnElements) {
        List<Object> elements = new ArrayList<>();
        for (String e : mrkdwnElements) {
            elements.add(mrkdwn(required(e, "context element"), MAX_TEXT_CHARS));
        }
        return with(chunks("context", "elements", elements, MAX_CONTEXT_ELEMENTS));
    }

    /** Adds a divider line. */
    public BlockKit divider() {
        return with(List.of(Map.of("type", "divider")));
    }

    /**
     * The blocks as a JSON array for {@link dev.ratchet.spi.SlackService.Post#blocksJson()}. Beyond {@value #MAX_BLOCKS} blocks, the
     * last one kept is a context line saying how many were left out.
     */
    public String toJson() {
        if (blocks.size() <= MAX_BLOCKS) {
            return JsonText.write(blocks);
        }
        List<Object> kept = new ArrayList<>(blocks.subList(0, MAX_BLOCKS - 1));
        int left = blocks.size() - kept.size();
        kept.add(block(
                "context",
                "elements",
                List.of(mrkdwn(
                        "_…and " + left + " more blocks left out: Slack shows at most " + MAX_BLOCKS
                                + " in a message._",
                        MAX_TEXT_CHARS))));
        return JsonText.write(kept);
    }

    /** The same as {@link #toJson()}. */
    @Override
    public String toString() {
        return toJson();
    }

    /**
     * {@code text} as mrkdwn that shows it literally: Slack's three control characters {@code &}, {@code <} and
     * {@code >} become {@code &amp;}, {@code &lt;} and {@code &gt;}, so that quoted text cannot open a link, mention
     * {@code <!channel>} or break the markup around it. Apply it to anything quoted, never to the markup around it
     * (an already escaped text is escaped twice). Other mrkdwn characters ({@code *}, {@code _}, {@code `}) are left
     * as they are. Null becomes the empty string.
     */
    public static String escape(String text) {
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

    /**
     * An mrkdwn link, {@code <url|label>}: the label is {@linkplain #escape(String) escaped} (a {@code >} in it would
     * end the link early), and {@code <}, {@code >}, {@code |} and white space in the URL are percent-encoded. A null or
     * empty label shows the URL itself.
     *
     * @throws IllegalArgumentException when {@code url} is null or blank
     */
    public static String link(String url, String label) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a Slack link needs a URL, got " + (url == null ? "null" : "a blank one")
                    + "; leave the link out or show the label alone");
        }
        StringBuilder out = new StringBuilder("<");
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            switch (c) {
                case '<' -> out.append("%3C");
                case '>' -> out.append("%3E");
                case '|' -> out.append("%7C");
                default -> out.append(Character.isWhitespace(c) ? String.format("%%%02X", (int) c) : String.valueOf(c));
            }
        }
        if (label != null && !label.isEmpty()) {
            out.append('|').append(escape(label));
        }
        return out.append('>').toString();
    }

    /**
     * {@code text} at most {@code maxChars} characters long, the rule every text of this class follows: text within
     * the limit is returned as it is; longer text is cut at the last line break, else the last space, when one falls in
     * the second half of the limit, otherwise at the limit; the cut never splits an escape ({@code &amp;}), a
     * {@code <link>} or a surrogate pair; and "…" marks it. Use it for a post's fallback text so that it is cut the
     * same way as its blocks.
     *
     * @throws NullPointerException     when {@code text} is null
     * @throws IllegalArgumentException when {@code maxChars} is less than 1
     */
    public static String truncate(String text, int maxChars) {
        required(text, "text");
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1, not " + maxChars);
        }
        if (text.length() <= maxChars) {
            return text;
        }
        int limit = maxChars - ELLIPSIS.length();
        int at = text.lastIndexOf('\n', limit);
        if (at < limit / 2) {
            at = text.lastIndexOf(' ', limit);
        }
        if (at < limit / 2) {
            at = limit;
        }
        return text.substring(0, outsideMarkup(text, at)) + ELLIPSIS;
    }

    /** {@code at}, moved back to before an escape or a link it would split, and off the middle of a surrogate pair. */
    private static int outsideMarkup(String text, int at) {
        int amp = text.lastIndexOf('&', at - 1);
        if (amp >= 0) {
            for (String entity : List.of("&amp;", "&lt;", "&gt;")) {
                if (text.startsWith(entity, amp) && amp + entity.length() > at) {
                    at = amp;
                }
            }
        }
        int open = text.lastIndexOf('<', at - 1);
        if (open >= 0 && open > text.lastIndexOf('>', at - 1) && text.indexOf('>', open) >= at) {
            at = open;
        }
        if (at > 0 && Character.isHighSurrogate(text.charAt(at - 1))) {
            at--;
        }
        return at;
    }

    private BlockKit with(List<Map<String, Object>> added) {
        if (added.isEmpty()) {
            return this;
        }
        List<Map<String, Object>> all = new ArrayList<>(blocks.size() + added.size());
        all.addAll(blocks);
        all.addAll(added);
        return new BlockKit(List.copyOf(all));
    }

    private static List<Map<String, Object>> fieldSections(List<String> mrkdwnFields) {
        List<Object> fields = new ArrayList<>();
        for (String f : required(mrkdwnFields, "fields")) {
            fields.add(mrkdwn(required(f, "field"), MAX_FIELD_CHARS));
        }
        return chunks("section", "fields", fields, MAX_FIELDS);
    }

    /** Blocks of {@code type} holding {@code items} under {@code key}, at most {@code max} to a block. */
    private static List<Map<String, Object>> chunks(String type, String key, List<Object> items, int max) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += max) {
            out.add(block(type, key, List.copyOf(items.subList(i, Math.min(items.size(), i + max)))));
        }
        return out;
    }

    private static Map<String, Object> block(String type, String key, Object value) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", type);
        b.put(key, value);
        return Collections.unmodifiableMap(b);
    }

    private static Map<String, Object> mrkdwn(String text, int maxChars) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("type", "mrkdwn");
        t.put("text", nonEmpty(truncate(text, maxChars)));
        return Collections.unmodifiableMap(t);
    }

    // Slack refuses a text object with empty text
    private static String nonEmpty(String text) {
        return text.isEmpty() ? " " : text;
    }

    private static <T> T required(T value, String what) {
        return Objects.requireNonNull(value, () -> "the Block Kit " + what + " is null; pass an empty value instead");
    }
}
