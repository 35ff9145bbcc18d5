package dev.ratchet.testkit;

import dev.ratchet.core.Json;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database on the local PostgreSQL with the tables a Go Ratchet (dynoinc/ratchet v0.0.11) leaves behind,
 * written from its schema's facts: {@code channels_v2}, {@code messages_v3} (with the 768-dimension {@code vector}
 * and the generated {@code tsvector}), {@code llmusageV1} and {@code documentation_*}. For testing
 * {@code ratchet import --from-go-db}; {@link #close()} drops it.
 */
public final class GoRatchetDatabase implements AutoCloseable {

    private static final String SCHEMA = """
            create extension if not exists vector;
            create table channels_v2 (
                id    text primary key,
                attrs jsonb default '{}'::jsonb
            );
            create table messages_v3 (
                channel_id text not null references channels_v2 (id) on delete cascade,
                ts         text not null,
                parent_ts  text,
                attrs      jsonb default '{}'::jsonb,
                embedding  vector(768),
                tsvec      tsvector generated always as (to_tsvector('english', attrs -> 'message' ->> 'text')) stored,
                primary key (channel_id, ts)
            );
            create index parent_ts_idx on messages_v3 (channel_id, parent_ts) where parent_ts is not null;
            create table llmusageV1 (
                id        serial primary key,
                input     jsonb not null,
                output    jsonb,
                model     text not null,
                timestamp timestamptz not null default now()
            );
            create table documentation_status (
                url        text primary key,
                revision   text not null,
                refresh_ts timestamptz not null default now()
            );
            create table documentation_docs (
                url      text not null,
                path     text not null,
                revision text not null,
                content  text not null,
                primary key (url, path)
            );
            create table documentation_embeddings (
                url         text not null,
                path        text not null,
                revision    text not null,
                chunk_index int not null,
                chunk       text not null,
                embedding   vector(768),
                primary key (url, path, chunk_index)
            );
            """;

    private final String name;
    private final Connection connection;

    private GoRatchetDatabase(String name, Connection connection) {
        this.name = name;
        this.connection = connection;
    }

    /** Creates the database ({@code rt_go_<random>}) and its tables. */
    public static GoRatchetDatabase create() {
        String name = "rt_go_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = admin();
                Statement s = admin.createStatement()) {
            s.execute("create database " + name);
            Connection c = DriverManager.getConnection(jdbcUrl(name), user(), password());
            try (Statement t = c.createStatement()) {
                t.execute(SCHEMA);
            }
            return new GoRatchetDatabase(name, c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a Go Ratchet test database: " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    /** The database as Go's settings would name it: {@code postgresql://USER:PASSWORD@HOST:PORT/NAME}. */
    public String url(String password) {
        String base = server();
        return "postgresql://" + user() + (password == null ? "" : ":" + password) + "@" + base + "/" + name;
    }

    /** Adds a row to {@code channels_v2}. */
    public GoRatchetDatabase channel(String id, Map<String, Object> attrs) {
        return execute("insert into channels_v2 (id, attrs) values (?, cast(? as jsonb))", id, Json.write(attrs));
    }

    /** Adds a row to {@code messages_v3}; {@code parentTs} null for a top-level message, and no embedding. */
    public GoRatchetDatabase message(String channelId, String ts, String parentTs, Map<String, Object> attrs) {
        return execute(
                "insert into messages_v3 (channel_id, ts, parent_ts, attrs) values (?, ?, ?, cast(? as jsonb))",
                channelId,
                ts,
                parentTs,
                Json.write(attrs));
    }

    /** Runs one statement on the database ({@code ?} parameters). */
    public GoRatchetDatabase execute(String sql, Object... params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Closes the connection and drops the database (unless {@code RATCHET_TEST_KEEP_DB=true}). */
    @Override
    public void close() {
        try {
            connection.close();
            if (!Boolean.parseBoolean(env("RATCHET_TEST_KEEP_DB", "false"))) {
                try (Connection admin = admin();
                        Statement s = admin.createStatement()) {
                    s.execute("drop database if exists " + name + " with (force)");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop " + name + ": " + e.getMessage(), e);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(adminUrl(), user(), password());
    }

    private static String adminUrl() {
        return env("RATCHET_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    /** {@code host:port} of the test server. */
    private static String server() {
        String rest = adminUrl().substring("jdbc:postgresql://".length());
        return rest.substring(0, rest.indexOf('/'));
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + server() + "/" + database;
    }

    private static String user() {
        return env("RATCHET_TEST_DB_USER", "postgres");
    }

    private static String password() {
        return env("RATCHET_TEST_DB_PASSWORD", "");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
