package dev.ratchet.module.channelmonitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A monitor's prompt: text with {@code {{name}}} placeholders filled from the message, or a Go Ratchet prompt (Go
 * {@code text/template}) using the two fields its README documents, {@code {{.Message.Text}}} (the message in Slack's
 * own markup) and {@code {{.Message.User}}} (the author's Slack id), with Go's spacing and trim markers
 * ({@code {{ .Message.Text }}}, {@code {{- .Message.Text -}}}). Anything else between {@code {{ }}} is refused when the
 * file is read, so a typo or an unsupported template action fails start instead of reaching the model as literal
 * braces; one prompt uses one style. Immutable.
 */
final class PromptTemplate {

    /**
     * The placeholders a prompt may use: {@code text} and {@code thread} are readable text (people and channels by
     * name, no Slack entities), {@code raw_text} the message in Slack's own markup ({@code <@U123>}, {@code &amp;}).
     */
    static final Set<String> NAMES = Set.of("text", "raw_text", "user", "user_id", "channel_id", "ts", "thread");

    /** The Go template fields supported, and the placeholder each one reads. */
    static final Map<String, String> GO_FIELDS = Map.of(".Message.Text", "raw_text", ".Message.User", "user_id");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A piece of the prompt: literal text (name null) or a value, with Go's trim markers. */
    private record Part(String literal, String name, boolean trimBefore, boolean trimAfter) {}

    private final List<Part> parts;
    private final boolean goStyle;

    private PromptTemplate(List<Part> parts, boolean goStyle) {
        this.parts = parts;
        this.goStyle = goStyle;
    }

    /**
     * The template of {@code text}.
     *
     * @throws IllegalArgumentException naming the unknown placeholder or unsupported template action
     */
    static PromptTemplate of(String text) {
        List<Part> parts = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        boolean go = false;
        boolean ratchet = false;
        int at = 0;
        while (true) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                parts.add(new Part(text.substring(at), null, false, false));
                break;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("'{{' at character " + open
                        + " is never closed with '}}'; placeholders are written {{text}} (or, in a Go Ratchet prompt, "
                        + "{{.Message.Text}})");
            }
            parts.add(new Part(text.substring(at, open), null, false, false));
            String action = text.substring(open, close + 2);
            String inner = text.substring(open + 2, close);
            boolean trimBefore = inner.length() >= 2 && inner.charAt(0) == '-' && isSpace(inner.charAt(1));
            boolean trimAfter = inner.length() >= 2
                    && inner.charAt(inner.length() - 1) == '-'
                    && isSpace(inner.charAt(inner.length() - 2));
            String core = inner.substring(trimBefore ? 1 : 0, inner.length() - (trimAfter ? 1 : 0))
                    .strip();
            if (GO_FIELDS.containsKey(core)) {
                go = true;
                parts.add(new Part(null, GO_FIELDS.get(core), trimBefore, trimAfter));
            } else if (!trimBefore && !trimAfter && NAME.matcher(core).matches() && NAMES.contains(core)) {
                ratchet = true;
                parts.add(new Part(null, core, false, false));
            } else if (!trimBefore && !trimAfter && NAME.matcher(core).matches()) {
                if (!unknown.contains(action)) {
                    unknown.add(action);
                }
            } else {
                throw new IllegalArgumentException("the template action " + action
                        + " is not supported; a Go Ratchet prompt may use {{.Message.Text}} and {{.Message.User}} "
                        + "(with Go's spacing and {{- -}} trim markers), a Ratchet prompt {{text}}, {{raw_text}}, "
                        + "{{user}}, {{user_id}}, {{channel_id}}, {{ts}}, {{thread}}");
            }
            at = close + 2;
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("uses unknown placeholder" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown)
                    + "; known: {{text}}, {{raw_text}}, {{user}}, {{user_id}}, {{channel_id}}, {{ts}}, {{thread}}"
                    + " (or, in a Go Ratchet prompt, {{.Message.Text}} and {{.Message.User}})");
        }
        if (go && ratchet) {
            throw new IllegalArgumentException("mixes Go template fields ({{.Message.Text}}, {{.Message.User}}) with "
                    + "Ratchet placeholders ({{text}} ...); use one style per prompt");
        }
        return new PromptTemplate(List.copyOf(parts), go);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * Whether the prompt is a Go Ratchet one ({@code {{.Message.Text}}}): its executable then gets Go's input, with
     * {@code llm_output} as a string of JSON.
     */
    boolean goStyle() {
        return goStyle;
    }

    /** The prompt with every placeholder replaced by its value (missing values become empty). */
    String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        boolean trimNext = false;
        for (Part p : parts) {
            if (p.name() == null) {
                String literal = trimNext ? p.literal().stripLeading() : p.literal();
                out.append(literal);
                trimNext = false;
                continue;
            }
            if (p.trimBefore()) {
                int end = out.length();
                while (end > 0 && isSpace(out.charAt(end - 1))) {
                    end--;
                }
                out.setLength(end);
            }
            String v = values.get(p.name());
            out.append(v == null ? "" : v);
            trimNext = p.trimAfter();
        }
        return out.toString();
    }
}
