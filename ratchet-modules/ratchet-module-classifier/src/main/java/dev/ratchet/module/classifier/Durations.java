package dev.ratchet.module.classifier;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as classifier binaries and alerting tools write them: a number of seconds ({@code 330}), a Go duration
 * ({@code 5m30s}, {@code 1h2m3.5s}, {@code 1500ms}), words ({@code 12 minutes}, {@code 1 hour 5 mins}) or a clock
 * ({@code 01:02:03}).
 */
final class Durations {

    private static final Pattern GO = Pattern.compile("(?:(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|µs|ns))+");
    private static final Pattern GO_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|µs|ns)");
    private static final Pattern WORDS =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\\b");
    private static final Pattern WORDS_ALL = Pattern.compile(
            "(?:\\d+(?:\\.\\d+)?\\s*(?:d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\\b[\\s,]*(?:and\\s+)?)+");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,3}):(\\d{2})(?::(\\d{2}))?");

    /** Where a message states how long an alert lasted: "Duration: 5m", "lasted 12 minutes", "after 1h 5m". */
    private static final Pattern STATED = Pattern.compile(
            "(?i)(?:duration|lasted|open for|was open for|resolved after|closed after|recovered after|after)\\s*[:=]?\\s*"
                    + "(\\d[\\d.:hmsdaysecondsinuteourh ,]*)");

    private Durations() {}

    /**
     * Parses a Go {@code time.Duration} as the Go Ratchet's classifier binaries write it, in seconds (rounded): a JSON
     * number is nanoseconds, a string a Go duration ({@code "1h30m"}, {@code "90s"}, {@code "300ms"}); a bare number
     * in a string is taken as seconds, as Ratchet always read it. Empty when negative or not a duration.
     */
    static Optional<Long> ofGo(Object value) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d >= 0 && Double.isFinite(d) ? Optional.of(Math.round(d / 1e9)) : Optional.empty();
        }
        return value instanceof String s ? parse(s) : Optional.empty();
    }

    /** Parses a whole duration text, in seconds (rounded); empty when it is not one. */
    static Optional<Long> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.matches("\\d+(\\.\\d+)?")) {
            return Optional.of(Math.round(Double.parseDouble(t)));
        }
        if (GO.matcher(t).matches()) {
            double seconds = 0;
            Matcher m = GO_PART.matcher(t);
            while (m.find()) {
                seconds += Double.parseDouble(m.group(1)) * unit(m.group(2));
            }
            return Optional.of(Math.round(seconds));
        }
        Matcher clock = CLOCK.matcher(t);
        if (clock.matches()) {
            long a = Long.parseLong(clock.group(1));
            long b = Long.parseLong(clock.group(2));
            return Optional.of(
                    clock.group(3) == null ? a * 60 + b : a * 3600 + b * 60 + Long.parseLong(clock.group(3)));
        }
        if (WORDS_ALL.matcher(t).matches()) {
            double seconds = 0;
            Matcher m = WORDS.matcher(t);
            while (m.find()) {
                seconds += Double.parseDouble(m.group(1)) * unit(m.group(2));
            }
            return Optional.of(Math.round(seconds));
        }
        return Optional.empty();
    }

    /** The duration a closing message states ("Duration: 12 minutes"), if it states one. */
    static Optional<Long> statedIn(String text) {
        Matcher m = STATED.matcher(text);
        while (m.find()) {
            String candidate = m.group(1).trim().replaceAll("[ ,]+$", "");
            // the longest prefix that parses: "5m30s and counting" still gives 5m30s
            for (int end = candidate.length(); end > 0; end--) {
                String prefix = candidate.substring(0, end).trim();
                Optional<Long> d = parse(prefix);
                // a bare number ("after 3 attempts") has no unit: not a duration
                if (d.isPresent() && !prefix.matches("\\d+(\\.\\d+)?")) {
                    return d;
                }
            }
        }
        return Optional.empty();
    }

    private static double unit(String u) {
        return switch (u) {
            case "ns" -> 1e-9;
            case "us", "µs" -> 1e-6;
            case "ms" -> 1e-3;
            case "h", "hr", "hrs", "hour", "hours" -> 3600;
            case "m", "min", "mins", "minute", "minutes" -> 60;
            case "d", "day", "days" -> 86400;
            default -> 1;
        };
    }
}
