package dev.ratchet.spi.kit;

import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's message markup made plain text: the parser behind {@link dev.ratchet.spi.SlackService#readable(String)}.
 * Modules call that method, which knows the names; this is for implementations of it and for tests.
 *
 * @since 0.2
 */
public final class SlackMarkup {

    // <@U1>, <@U1|alice>, <#C1|ops>, <!here>, <!subteam^S1|@oncall>, <!date^…|fallback>, <https://x|label>,
    // <mailto:a@b>
    private static final Pattern MARKUP = Pattern.compile("<([@#!])?([^<>|]+)(?:\\|([^<>]*))?>");

    private SlackMarkup() {}

    /** See {@link dev.ratchet.spi.SlackService#readable(String, UnaryOperator, UnaryOperator)}. Any thread. */
    public static String readable(String text, UnaryOperator<String> userName, UnaryOperator<String> channelName) {
        if (text == null) {
            return "";
        }
        if (text.indexOf('<') < 0 && text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = MARKUP.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            out.append(decode(text.substring(last, m.start())));
            String kind = m.group(1);
            String target = m.group(2).strip();
            String label = m.group(3) == null || m.group(3).isBlank()
                    ? null
                    : decode(m.group(3).strip());
            // names come from the directory as people wrote them, so they are not entity-decoded
            out.append(
                    switch (kind == null ? "" : kind) {
                        case "@" -> "@" + (label != null ? unprefixed(label) : userName.apply(target));
                        case "#" -> "#" + (label != null ? unprefixed(label) : channelName.apply(target));
                        case "!" -> special(target, label);
                        default -> link(decode(target), label);
                    });
            last = m.end();
        }
        return out.append(decode(text.substring(last))).toString();
    }

    /** {@code <!here>}, {@code <!channel>}, {@code <!subteam^S1|@oncall>}, {@code <!date^…|fallback>}. */
    private static String special(String target, String label) {
        if (target.startsWith("date^")) {
            if (label != null) {
                return label;
            }
            // no fallback (Slack requires one, but an export may lack it): the time itself, in UTC
            String[] parts = target.split("\\^");
            return parts.length > 1 && parts[1].matches("\\d{1,12}")
                    ? Instant.ofEpochSecond(Long.parseLong(parts[1])).toString()
                    : target;
        }
        return "@" + (label != null ? unprefixed(label) : target.replaceFirst("^subteam\\^", ""));
    }

    private static String link(String target, String label) {
        if (label == null || label.equals(target) || target.equals("mailto:" + label)) {
            return label != null ? label : target.replaceFirst("^mailto:", "");
        }
        return label + " (" + target + ")";
    }

    private static String unprefixed(String label) {
        return label.startsWith("@") || label.startsWith("#") ? label.substring(1) : label;
    }

    /** Slack escapes these three in message text; {@code &amp;} last, so that {@code &amp;lt;} stays {@code &lt;}. */
    private static String decode(String text) {
        return text.indexOf('&') < 0
                ? text
                : text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
