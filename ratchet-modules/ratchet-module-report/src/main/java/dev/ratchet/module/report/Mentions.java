package dev.ratchet.module.report;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Slack's message markup into readable text, so that quoted messages show people by name:
 * {@code <@U123>} becomes {@code @Alice}, {@code <#C123|ops>} {@code #ops}, {@code <!here>} {@code @here},
 * {@code <https://x|the graph>} {@code the graph (https://x)}. The result is plain text: escape it before putting it
 * back into Slack markup.
 */
final class Mentions {

    private static final Pattern MARKUP = Pattern.compile("<([@#!])?([^<>|]+)(?:\\|([^<>]*))?>");

    private final UnaryOperator<String> names;

    /** @param names the display name of a user or bot id (the id itself when unknown) */
    Mentions(UnaryOperator<String> names) {
        this.names = names;
    }

    String render(String text) {
        if (text == null || text.indexOf('<') < 0 && text.indexOf('&') < 0) {
            return text == null ? "" : text;
        }
        Matcher m = MARKUP.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String kind = m.group(1);
            String target = m.group(2);
            String label = m.group(3) == null || m.group(3).isBlank() ? null : m.group(3);
            String replacement;
            if ("@".equals(kind)) {
                replacement = "@" + (label != null ? label.replaceFirst("^@", "") : names.apply(target));
            } else if ("#".equals(kind)) {
                replacement = "#" + (label != null ? label : target);
            } else if ("!".equals(kind)) {
                // <!here>, <!channel>, <!subteam^S123|@oncall>, <!date^...|fallback>
                replacement = label != null ? (label.startsWith("@") || target.startsWith("date") ? label : "@" + label)
                        : "@" + target.replaceFirst("^subteam\\^", "");
            } else {
                replacement = label != null ? label + " (" + target + ")" : target;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        // Slack escapes these three in message text; plain text again (ReportMessage escapes for mrkdwn)
        return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
