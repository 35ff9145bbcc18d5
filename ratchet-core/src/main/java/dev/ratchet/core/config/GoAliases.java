package dev.ratchet.core.config;

import dev.ratchet.core.StartupException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Go Ratchet's (v0.0.11) environment names, read as aliases of today's keys so that a Go {@code .env} works
 * unchanged. Today's names stay primary: an alias is read only when its key has no value under its own name, and every
 * alias used (or overruled) gives a one-line notice naming the key to use instead. Values never appear in notices.
 *
 * <p>One line per alias in {@link #ALIASES}; {@code RATCHET_DATABASE_*} are composed into {@code db.url} apart, since
 * five Go names make one key. Names Go shared with today's ({@code RATCHET_SLACK_BOT_TOKEN},
 * {@code RATCHET_SLACK_APP_TOKEN}, {@code RATCHET_CLASSIFIER_INCIDENT_CLASSIFICATION_BINARY}) need no alias.
 */
final class GoAliases {

    /** A Go name read as {@code key} (its value through {@code translate}), or ignored with {@code note} (key null). */
    record Alias(String goName, String key, UnaryOperator<String> translate, String note) {
        static Alias of(String goName, String key) {
            return new Alias(goName, key, UnaryOperator.identity(), "");
        }

        static Alias ignored(String goName, String why) {
            return new Alias(goName, null, UnaryOperator.identity(), why);
        }
    }

    static final List<Alias> ALIASES = List.of(
            Alias.of("RATCHET_DATABASE_USER", "db.user"),
            Alias.of("RATCHET_DATABASE_PASS", "db.password"),
            Alias.of("RATCHET_OPENAI_API_KEY", "llm.api-key"),
            Alias.of("RATCHET_OPENAI_URL", "llm.url"),
            Alias.of("RATCHET_OPENAI_MODEL", "llm.model"),
            new Alias(
                    "RATCHET_OPENAI_EMBEDDING_MODEL",
                    "embedding.model",
                    UnaryOperator.identity(),
                    "; with it embedding.provider is openai (the endpoint of llm.url) unless set, and"
                            + " embedding.dimension must be the model's (nomic-embed-text: 768)"),
            Alias.of("RATCHET_DOCUMENTATION", "docs.sources-file"),
            new Alias("RATCHET_HTTP_ADDR", "api.address", GoAliases::listenAddress, ""),
            Alias.of("RATCHET_CHANNEL_MONITOR_CONFIG_FILE", "channel-monitor.file"),
            Alias.ignored(
                    "RATCHET_DEV_MODE",
                    "Ratchet starts no PostgreSQL or Ollama containers; 'docker compose up' or 'ratchet demo' do that"),
            Alias.ignored(
                    "RATCHET_SLACK_DEV_CHANNEL",
                    "posts go to the conversation they belong to; try the bot with 'ratchet shell' or a test workspace"),
            Alias.ignored("RATCHET_SENTRY_DSN", "Ratchet does not report to Sentry; see /metrics and the logs"));

    /** The Go database variables, composed into {@code db.url} with Go's defaults for those not given. */
    static final String DB_HOST = "RATCHET_DATABASE_HOST";

    static final String DB_PORT = "RATCHET_DATABASE_PORT";
    static final String DB_NAME = "RATCHET_DATABASE_NAME";
    static final String DB_DISABLE_TLS = "RATCHET_DATABASE_DISABLE_TLS";
    private static final List<String> DB_URL_PARTS = List.of(DB_HOST, DB_PORT, DB_NAME, DB_DISABLE_TLS);

    /** Go's default password, used when other {@code RATCHET_DATABASE_*} are given but not the password. */
    private static final String GO_DEFAULT_PASSWORD = "password";

    private GoAliases() {}

    /** Every Go name this class reads, so that none is reported as an unknown setting. */
    static Set<String> names() {
        return Stream.concat(ALIASES.stream().map(Alias::goName), DB_URL_PARTS.stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** What the aliases resolve to: values by key (with where they came from) and the notices to print. */
    record Resolved(Map<String, Value> values, List<String> notices) {}

    /** A key's value from an alias, and its source for messages ("RATCHET_OPENAI_MODEL (Go name) in .env"). */
    record Value(String value, String source) {}

    /**
     * Resolves the Go names found in {@code env} (higher precedence) and {@code dotenv}.
     *
     * @param primary whether a key has a value under today's name (flag, environment or {@code .env})
     * @throws StartupException for a Go value that cannot be read ({@code RATCHET_DATABASE_DISABLE_TLS=maybe})
     */
    static Resolved resolve(
            Map<String, String> env, Map<String, String> dotenv, String dotenvName, Predicate<String> primary) {
        Map<String, Value> values = new LinkedHashMap<>();
        List<String> notices = new ArrayList<>();
        for (Alias alias : ALIASES) {
            Found found = find(alias.goName(), env, dotenv, dotenvName);
            if (found == null) {
                continue;
            }
            if (alias.key() == null) {
                notices.add(found.name() + " " + found.where() + " (a Go Ratchet setting) is ignored: " + alias.note());
                continue;
            }
            String newName = RatchetConfig.envName(alias.key());
            if (primary.test(alias.key())) {
                notices.add(found.name() + " " + found.where() + " (the Go Ratchet's name) is ignored: " + alias.key()
                        + " is also set (" + newName + " or --set " + alias.key() + ") and wins");
                continue;
            }
            values.put(
                    alias.key(),
                    new Value(alias.translate().apply(found.value()), found.name() + " (Go name) " + found.where()));
            notices.add(found.name() + " " + found.where() + " (the Go Ratchet's name) is read as " + alias.key()
                    + "; rename it " + newName + alias.note());
            if (alias.goName().equals("RATCHET_OPENAI_EMBEDDING_MODEL") && !primary.test("embedding.provider")) {
                values.put("embedding.provider", new Value("openai", found.name() + " (Go name) " + found.where()));
            }
        }
        databaseUrl(env, dotenv, dotenvName, primary, values, notices);
        return new Resolved(values, List.copyOf(notices));
    }

    private static void databaseUrl(
            Map<String, String> env,
            Map<String, String> dotenv,
            String dotenvName,
            Predicate<String> primary,
            Map<String, Value> values,
            List<String> notices) {
        Map<String, Found> parts = new LinkedHashMap<>();
        for (String name : DB_URL_PARTS) {
            Found f = find(name, env, dotenv, dotenvName);
            if (f != null) {
                parts.put(name, f);
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        String names = String.join(", ", parts.keySet());
        if (primary.test("db.url")) {
            notices.add(names + " (the Go Ratchet's names) are ignored: db.url is also set (RATCHET_DB_URL or --db-url)"
                    + " and wins");
            return;
        }
        String host = value(parts, DB_HOST, "localhost");
        String port = value(parts, DB_PORT, "5432");
        String name = value(parts, DB_NAME, "ratchet");
        String tls = value(parts, DB_DISABLE_TLS, "true");
        Boolean disableTls = goBool(tls);
        if (disableTls == null) {
            throw new StartupException(
                    StartupException.CONFIG,
                    DB_DISABLE_TLS + " " + parts.get(DB_DISABLE_TLS).where() + ": '" + tls
                            + "' is not true or false; set it to true (no TLS) or false (TLS required)");
        }
        if (!port.matches("\\d{1,5}")) {
            throw new StartupException(
                    StartupException.CONFIG,
                    DB_PORT + " " + parts.get(DB_PORT).where() + ": '" + port + "' is not a port number");
        }
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + name + "?sslmode="
                + (disableTls ? "disable" : "require");
        values.put("db.url", new Value(url, names + " (Go names)"));
        String defaults = "";
        if (!primary.test("db.password")
                && !values.containsKey("db.password")
                && find("RATCHET_DATABASE_PASS", env, dotenv, dotenvName) == null) {
            values.put("db.password", new Value(GO_DEFAULT_PASSWORD, "the Go Ratchet's default password"));
            defaults = "; the password is the Go Ratchet's default, as RATCHET_DATABASE_PASS is not set";
        }
        notices.add(names + " (the Go Ratchet's names) make db.url " + url.replaceAll("\\?.*", "")
                + (disableTls ? " without TLS" : " with TLS required (sslmode=require)")
                + "; set RATCHET_DB_URL instead"
                + defaults);
    }

    private static String value(Map<String, Found> parts, String name, String goDefault) {
        Found f = parts.get(name);
        return f == null ? goDefault : f.value().trim();
    }

    /** Go's {@code strconv.ParseBool}: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False; null otherwise. */
    static Boolean goBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> null;
        };
    }

    /** Go's {@code :5001} (every interface) as a host:port this API accepts. */
    static String listenAddress(String goAddr) {
        String a = goAddr.trim();
        return a.startsWith(":") ? "0.0.0.0" + a : a;
    }

    private record Found(String name, String value, String where) {}

    private static Found find(String name, Map<String, String> env, Map<String, String> dotenv, String dotenvName) {
        String v = env.get(name);
        if (v != null && !v.isBlank()) {
            return new Found(name, v, "in the environment");
        }
        v = dotenv.get(name);
        if (v != null && !v.isBlank()) {
            return new Found(name, v, "in " + dotenvName);
        }
        return null;
    }
}
