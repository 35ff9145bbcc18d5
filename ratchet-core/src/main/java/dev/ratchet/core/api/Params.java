package dev.ratchet.core.api;

import dev.ratchet.spi.RouteHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Query parameters as the API reads them everywhere, so every endpoint pages, filters by time and complains alike:
 * {@code limit} (1 to 200, default 50), an opaque {@code cursor} from a previous page's {@code next_cursor}, and times
 * as ISO-8601 ({@code 2026-11-01T09:00:00Z}), a date ({@code 2026-11-01}, midnight UTC), a Slack ts, or an age
 * ({@code 7d}, {@code 12h}, {@code 30m}: that long before now).
 */
final class Params {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final Pattern AGE = Pattern.compile("(\\d{1,6})([dhms])");
    private static final Pattern SLACK_TS = Pattern.compile("\\d{9,10}(\\.\\d{1,6})?");

    private Params() {}

    /**
     * A page of a list: at most {@code limit} items and the cursor of the next page, null on the last one.
     *
     * @param nextCursor pass it back as {@code cursor} with the same other parameters
     */
    record Page(List<?> items, String nextCursor) {

        /**
         * The page from {@code fetched}, which holds up to {@code limit + 1} rows (the extra one says there is more);
         * {@code key} gives the cursor position of a row.
         */
        static <T> Page of(List<T> fetched, int limit, Function<T, String> key) {
            if (fetched.size() <= limit) {
                return new Page(fetched, null);
            }
            List<T> items = fetched.subList(0, limit);
            return new Page(List.copyOf(items), encode(key.apply(items.get(limit - 1))));
        }
    }

    static int limit(RouteHandler.Request request) {
        return integer(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    static int integer(RouteHandler.Request request, String name, int defaultValue, int min, int max) {
        Optional<String> raw = request.query(name).filter(s -> !s.isBlank());
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get().strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(
                name + " must be a whole number from " + min + " to " + max + ", not '" + raw.get() + "'");
    }

    /** The position a {@code cursor} parameter holds, if given. */
    static Optional<String> cursor(RouteHandler.Request request) {
        return request.query("cursor").filter(s -> !s.isBlank()).map(c -> {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(c.strip()), StandardCharsets.UTF_8);
                if (decoded.startsWith("v1:")) {
                    return decoded.substring(3);
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw ApiException.badRequest("cursor '" + c
                    + "' is not one this API gave; pass a next_cursor back unchanged, or leave it out to start over");
        });
    }

    static String encode(String position) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("v1:" + position).getBytes(StandardCharsets.UTF_8));
    }

    static Optional<String> text(RouteHandler.Request request, String name) {
        return request.query(name).map(String::strip).filter(s -> !s.isEmpty());
    }

    static String required(RouteHandler.Request request, String name, String example) {
        return text(request, name)
                .orElseThrow(
                        () -> ApiException.badRequest("the query parameter " + name + " is required, e.g. " + example));
    }

    /** A time parameter; see the class comment for the forms it takes. */
    static Optional<Instant> instant(RouteHandler.Request request, String name, Instant now) {
        return text(request, name).map(v -> parseInstant(name, v, now));
    }

    static Instant parseInstant(String name, String v, Instant now) {
        Matcher age = AGE.matcher(v);
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration d = switch (age.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
            return now.minus(d);
        }
        if (SLACK_TS.matcher(v).matches()) {
            return Instant.ofEpochMilli(Math.round(Double.parseDouble(v) * 1000));
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw ApiException.badRequest(
                        name + " '" + v + "' is not a time: use ISO-8601 (2026-11-01T09:00:00Z), a date "
                                + "(2026-11-01), a Slack ts, or an age such as 7d, 12h, 30m");
            }
        }
    }
}
