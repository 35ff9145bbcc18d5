package dev.ratchet.core.storage;

import dev.ratchet.core.Json;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads a Go Ratchet (dynoinc/ratchet v0.0.11) database over JDBC, read-only: {@code channels_v2 (id, attrs)} and
 * {@code messages_v3 (channel_id, ts, parent_ts, attrs, ...)}, and counts {@code llmusageV1} and
 * {@code documentation_docs}, which are not imported. Its embeddings are never read: they were made by another
 * model, often of another dimension.
 */
public final class GoDatabaseReader implements AutoCloseable {

    /** A row of {@code channels_v2}: {@code attrs} holds {@code name}, {@code onboarding_status}, {@code doc_responses_enabled}. */
    public record GoChannel(String id, Map<String, Object> attrs) {}

    /**
     * A row of {@code messages_v3}: {@code attrs} holds {@code message} (the Slack message), {@code reactions} (name →
     * count) and {@code incident_action}.
     */
    public record GoMessage(String channelId, String ts, String parentTs, Map<String, Object> attrs) {}

    /** How many rows the Go database holds. */
    public record Counts(int channels, long messages, long llmUsage, long documents) {}

    private final String safeUrl;
    private final Handle handle;

    private GoDatabaseReader(String safeUrl, Handle handle) {
        this.safeUrl = safeUrl;
        this.handle = handle;
    }

    /**
     * Connects to the Go database at {@code url}: {@code postgresql://user:password@host:port/db?sslmode=...} (as Go's
     * settings make it; {@code postgres://} too) or a {@code jdbc:postgresql://} URL.
     *
     * @throws IllegalArgumentException for a URL of another form (the message never repeats the password)
     * @throws IllegalStateException    when the database cannot be reached or is not a Go Ratchet database; the message
     *                                  names the database without its password and says what to check
     */
    public static GoDatabaseReader open(String url) {
        Target target = target(url);
        Handle handle;
        try {
            handle = Jdbi.create(target.jdbcUrl(), target.properties()).open();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "cannot connect to the Go Ratchet database " + target.safeUrl() + ": "
                            + rootMessage(e).replace(target.properties().getProperty("password", "\0"), "***")
                            + "; check the host, port, database name, user and password in --from-go-db",
                    e);
        }
        try {
            handle.setReadOnly(true);
            for (String table : List.of("channels_v2", "messages_v3")) {
                boolean present = handle.createQuery("select to_regclass(:t) is not null")
                        .bind("t", table)
                        .mapTo(Boolean.class)
                        .one();
                if (!present) {
                    throw new IllegalStateException(target.safeUrl()
                            + " is not a Go Ratchet v0.0.11 database: it has no "
                            + table + " table (the Go Ratchet creates it when it starts; point --from-go-db at its"
                            + " RATCHET_DATABASE_NAME)");
                }
            }
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
        return new GoDatabaseReader(target.safeUrl(), handle);
    }

    /** The database's address without password or parameters, safe to print. */
    public String safeUrl() {
        return safeUrl;
    }

    /** The address of {@code url} without password or parameters, safe to print; the input when it is not a URL. */
    public static String safeUrl(String url) {
        try {
            return target(url).safeUrl();
        } catch (IllegalArgumentException e) {
            return "(an unreadable URL)";
        }
    }

    public Counts counts() {
        return new Counts(
                count("channels_v2"),
                count("messages_v3"),
                countIfPresent("llmusagev1"),
                countIfPresent("documentation_docs"));
    }

    /** Every channel, by id. */
    public List<GoChannel> channels() {
        return handle.createQuery("select id, attrs::text as attrs from channels_v2 order by id")
                .map((rs, ctx) -> new GoChannel(rs.getString("id"), map(rs.getString("attrs"))))
                .list();
    }

    /**
     * Up to {@code limit} messages after {@code (channelId, ts)} (both null for the first page), by channel then ts, so
     * that a thread's parent comes before its replies.
     */
    public List<GoMessage> messagesAfter(String channelId, String ts, int limit) {
        return handle.createQuery("""
                        select channel_id, ts, parent_ts, attrs::text as attrs from messages_v3
                         where cast(:channel as text) is null or (channel_id, ts) > (:channel, :ts)
                         order by channel_id, ts limit :limit""")
                .bind("channel", channelId)
                .bind("ts", ts)
                .bind("limit", limit)
                .map((rs, ctx) -> new GoMessage(
                        rs.getString("channel_id"),
                        rs.getString("ts"),
                        rs.getString("parent_ts"),
                        map(rs.getString("attrs"))))
                .list();
    }

    @Override
    public void close() {
        handle.close();
    }

    private int count(String table) {
        return handle.createQuery("select count(*) from " + table)
                .mapTo(Integer.class)
                .one();
    }

    private long countIfPresent(String table) {
        boolean present = handle.createQuery("select to_regclass(:t) is not null")
                .bind("t", table)
                .mapTo(Boolean.class)
                .one();
        return present
                ? handle.createQuery("select count(*) from " + table)
                        .mapTo(Long.class)
                        .one()
                : 0;
    }

    private static Map<String, Object> map(String json) {
        Map<String, Object> m = json == null ? null : Json.readMap(json);
        return m == null ? Map.of() : m;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private record Target(String jdbcUrl, Properties properties, String safeUrl) {}

    private static Target target(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "--from-go-db needs a URL: postgresql://USER:PASSWORD@HOST:PORT/DATABASE");
        }
        String u = url.strip();
        if (u.startsWith("jdbc:postgresql://")) {
            Properties p = new Properties();
            return new Target(u, p, "jdbc:" + withoutSecrets(u.substring("jdbc:".length())));
        }
        if (!u.startsWith("postgresql://") && !u.startsWith("postgres://")) {
            throw new IllegalArgumentException(
                    "--from-go-db " + withoutSecrets(u)
                            + " is not a PostgreSQL URL: write postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
                            + " (the Go Ratchet's RATCHET_DATABASE_* settings) or jdbc:postgresql://HOST:PORT/DATABASE?user=USER");
        }
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--from-go-db " + withoutSecrets(u)
                    + " is not a valid URL (percent-encode special characters of the password, e.g. @ as %40)");
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        String database = path.isEmpty() ? "ratchet" : decode(path);
        Properties p = new Properties();
        String user = "postgres";
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            if (colon >= 0) {
                p.setProperty("password", decode(info.substring(colon + 1)));
            }
        }
        p.setProperty("user", user);
        String query = uri.getRawQuery();
        String jdbc = "jdbc:postgresql://" + host + ":" + port + "/" + database + (query == null ? "" : "?" + query);
        return new Target(jdbc, p, "postgresql://" + user + "@" + host + ":" + port + "/" + database);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** A URL without user info and parameters, for messages. */
    private static String withoutSecrets(String url) {
        String s = url.replaceAll("//[^/@]*@", "//");
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }
}
