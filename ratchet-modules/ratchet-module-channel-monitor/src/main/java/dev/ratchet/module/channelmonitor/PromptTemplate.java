package dev.ratchet.module.channelmonitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A monitor's prompt: text with {@code {{name}}} placeholders filled from the message. Unknown placeholders are refused
 * when the file is read, so a typo fails start instead of reaching the model as literal braces. Immutable.
 */
final class PromptTemplate {

    /**
     * The placeholders a prompt may use: {@code text} and {@code thread} are readable text (people and channels by
     * name, no Slack entities), {@code raw_text} the message in Slack's own markup ({@code <@U123>}, {@code &amp;}).
     */
    static final Set<String> NAMES = Set.of("text", "raw_text", "user", "user_id", "channel_id", "ts", "thread");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private final String text;

    private PromptTemplate(String text) {
        this.text = text;
    }

    /**
     * The template of {@code text}.
     *
     * @throws IllegalArgumentException naming the unknown placeholders
     */
    static PromptTemplate of(String text) {
        List<String> unknown = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!NAMES.contains(m.group(1)) && !unknown.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("uses unknown placeholder" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(
                            ", ", unknown.stream().map(u -> "{{" + u + "}}").toList())
                    + "; known: {{text}}, {{raw_text}}, {{user}}, {{user_id}}, {{channel_id}}, {{ts}}, {{thread}}");
        }
        return new PromptTemplate(text);
    }

    /** The prompt with every placeholder replaced by its value (missing values become empty). */
    String render(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
