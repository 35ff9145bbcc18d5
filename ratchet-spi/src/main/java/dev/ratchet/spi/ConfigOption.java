package dev.ratchet.spi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One declared configuration option: its key, type, default, and what a valid value looks like.
 *
 * <p>Keys are kebab-case words separated by dots ({@code max-threads}, {@code monitor.file}). A module's option is
 * read from, in increasing precedence: its default, the {@code .env} file, the environment variable
 * {@code RATCHET_<MODULE>_<KEY>} (upper case, dots and dashes as underscores), and {@code --set <module>.<key>=v}.
 *
 * <p>Build options with the static factories, refine them with {@link #describedAs}, {@link #required()},
 * {@link #secret()} and {@link #validatedBy}. Instances are immutable.
 *
 * @param <T> the value type
 * @since 0.1
 */
public final class ConfigOption<T> {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.[a-z][a-z0-9]*(-[a-z0-9]+)*)*");

    private final String key;
    private final String type;
    private final Function<String, T> parser;
    private final T defaultValue;
    private final String description;
    private final boolean required;
    private final boolean secret;
    private final Predicate<T> check;
    private final String checkText;

    private ConfigOption(
            String key,
            String type,
            Function<String, T> parser,
            T defaultValue,
            String description,
            boolean required,
            boolean secret,
            Predicate<T> check,
            String checkText) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("config key '" + key + "' is not kebab-case words separated by dots");
        }
        this.key = key;
        this.type = type;
        this.parser = parser;
        this.defaultValue = defaultValue;
        this.description = description;
        this.required = required;
        this.secret = secret;
        this.check = check;
        this.checkText = checkText;
    }

    // the factories' options: no description yet, optional, not secret
    private static <T> ConfigOption<T> option(
            String key, String type, Function<String, T> parser, T defaultValue, Predicate<T> check, String checkText) {
        return new ConfigOption<>(key, type, parser, defaultValue, "", false, false, check, checkText);
    }

    /** A text option. */
    public static ConfigOption<String> string(String key, String defaultValue) {
        return option(key, "text", s -> s, defaultValue, v -> true, "");
    }

    /** A whole-number option between {@code min} and {@code max} inclusive. */
    public static ConfigOption<Integer> integer(String key, Integer defaultValue, int min, int max) {
        return option(
                key,
                "a whole number between " + min + " and " + max,
                s -> {
                    try {
                        return Integer.valueOf(s.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("not a whole number");
                    }
                },
                defaultValue,
                v -> v >= min && v <= max,
                "between " + min + " and " + max);
    }

    /**
     * A decimal-number option between {@code min} and {@code max} inclusive ({@code 0.7}); NaN and infinities are
     * refused. Narrow the range with {@link #validatedBy} (an exclusive bound); accept a word such as {@code off} too with
     * {@link #orWord}.
     *
     * @since 0.2
     */
    public static ConfigOption<Double> decimal(String key, Double defaultValue, double min, double max) {
        return option(
                key,
                "a number between " + plain(min) + " and " + plain(max),
                s -> {
                    try {
                        return Double.valueOf(s.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("not a number");
                    }
                },
                defaultValue,
                v -> Double.isFinite(v) && v >= min && v <= max,
                "");
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** A true/false option; accepts true/false, yes/no, on/off, 1/0. */
    public static ConfigOption<Boolean> bool(String key, Boolean defaultValue) {
        return option(
                key,
                "true or false",
                s -> switch (s.trim().toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "1" -> Boolean.TRUE;
                    case "false", "no", "off", "0" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException("not true or false");
                },
                defaultValue,
                v -> true,
                "");
    }

    /** A duration option: ISO-8601 ({@code PT5M}) or a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}). */
    public static ConfigOption<Duration> duration(String key, Duration defaultValue) {
        return option(
                key,
                "a duration such as 30s, 5m, 2h, 7d or PT5M",
                ConfigOption::parseDuration,
                defaultValue,
                v -> !v.isNegative(),
                "not negative");
    }

    /** An option taking one of the given words (case-insensitive); the value is returned in lower case. */
    public static ConfigOption<String> oneOf(String key, String defaultValue, String... choices) {
        List<String> allowed =
                Arrays.stream(choices).map(c -> c.toLowerCase(Locale.ROOT)).toList();
        String text = "one of " + String.join(", ", allowed);
        return option(
                key,
                text,
                s -> {
                    String v = s.trim().toLowerCase(Locale.ROOT);
                    if (!allowed.contains(v)) {
                        throw new IllegalArgumentException("not " + text);
                    }
                    return v;
                },
                defaultValue,
                v -> true,
                "");
    }

    /** A comma-separated list of words; blanks are dropped. */
    public static ConfigOption<List<String>> list(String key, List<String> defaultValue) {
        return option(
                key,
                "a comma-separated list",
                s -> Arrays.stream(s.split(","))
                        .map(String::trim)
                        .filter(x -> !x.isEmpty())
                        .collect(Collectors.toUnmodifiableList()),
                defaultValue,
                v -> true,
                "");
    }

    /**
     * This option, also taking {@code word} (case-insensitive) to mean {@code value}, as {@code off} for "no bound";
     * the word is named in what a valid value looks like.
     *
     * @since 0.2
     */
    public ConfigOption<T> orWord(String word, T value) {
        Function<String, T> base = parser;
        Predicate<T> baseCheck = check;
        return new ConfigOption<>(
                key,
                type + ", or " + word,
                s -> s.trim().equalsIgnoreCase(word) ? value : base.apply(s),
                defaultValue,
                description,
                required,
                secret,
                v -> Objects.equals(v, value) || baseCheck.test(v),
                checkText);
    }

    /** This option with a one-line description, shown by {@code ratchet modules --config}. */
    public ConfigOption<T> describedAs(String text) {
        return new ConfigOption<>(
                key, type, parser, defaultValue, Objects.requireNonNull(text), required, secret, check, checkText);
    }

    /** This option, which must be set: starting without it fails and names the variable to set. */
    public ConfigOption<T> required() {
        return new ConfigOption<>(key, type, parser, defaultValue, description, true, secret, check, checkText);
    }

    /** This option, whose value is never printed, logged or put in an error message. */
    public ConfigOption<T> secret() {
        return new ConfigOption<>(key, type, parser, defaultValue, description, required, true, check, checkText);
    }

    /** This option with an extra validity check; {@code requirement} says what a valid value is. */
    public ConfigOption<T> validatedBy(Predicate<T> extraCheck, String requirement) {
        Predicate<T> both = check.and(extraCheck);
        String text = checkText.isEmpty() ? requirement : checkText + " and " + requirement;
        return new ConfigOption<>(key, type, parser, defaultValue, description, required, secret, both, text);
    }

    public String key() {
        return key;
    }

    /** What a valid value looks like, in words ("a whole number between 1 and 50"). */
    public String type() {
        return type;
    }

    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String description() {
        return description;
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isSecret() {
        return secret;
    }

    /**
     * Parses and checks a raw value.
     *
     * @throws IllegalArgumentException with a message saying what is wrong, never containing a secret's value
     */
    public T parse(String raw) {
        T value;
        try {
            value = parser.apply(raw);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException(describe(raw) + " is "
                    + (e.getMessage() == null ? "invalid" : e.getMessage()) + "; expected " + type);
        }
        if (!check.test(value)) {
            throw new IllegalArgumentException(describe(raw) + " is out of range; expected " + type
                    + (checkText.isEmpty() || type.contains(checkText) ? "" : ", " + checkText));
        }
        return value;
    }

    private String describe(String raw) {
        return secret ? "the value" : "'" + raw + "'";
    }

    static Duration parseDuration(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        var m = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)").matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    @Override
    public String toString() {
        return key + " (" + type + ")";
    }
}
