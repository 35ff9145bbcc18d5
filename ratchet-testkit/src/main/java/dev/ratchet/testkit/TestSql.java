package dev.ratchet.testkit;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.storage.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Plain SQL on a test's database, for what a test checks beneath the repositories (query plans, the job tables,
 * locks held by "another process"): each call opens a JDBC connection of its own, with Ratchet's schema first on the
 * search path. Parameters are JDBC's {@code ?}. Rows a test needs go through the repositories
 * ({@code ratchet.storage()}, {@link TestDatabase#storage()}) instead.
 */
public final class TestSql {

    private final DatabaseSettings settings;

    private TestSql(DatabaseSettings settings) {
        this.settings = settings;
    }

    public static TestSql of(TestDatabase db) {
        return new TestSql(db.settings());
    }

    public static TestSql of(Ratchet ratchet) {
        return new TestSql(DatabaseSettings.from(ratchet.config()));
    }

    /** A new connection to the database (the caller closes it), in auto-commit mode. */
    public Connection connect() {
        Properties props = new Properties();
        props.setProperty("user", settings.user());
        if (!settings.password().isEmpty()) {
            props.setProperty("password", settings.password());
        }
        props.setProperty("currentSchema", settings.schema() + ",public");
        props.setProperty("ApplicationName", "ratchet-test");
        try {
            return DriverManager.getConnection(settings.url(), props);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + settings.safeUrl() + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the one row a query returns, as a number (a count, say). */
    public long number(String sql, Object... params) {
        Object v = value(sql, params);
        return ((Number) v).longValue();
    }

    /** {@link #number} as an int. */
    public int count(String sql, Object... params) {
        return Math.toIntExact(number(sql, params));
    }

    /** The first column of the one row a query returns, as text (null when SQL null). */
    public String string(String sql, Object... params) {
        Object v = value(sql, params);
        return v == null ? null : v.toString();
    }

    /** The first column of every row, as text. */
    public List<String> strings(String sql, Object... params) {
        return rows(sql, params).stream()
                .map(r -> {
                    Object v = r.values().iterator().next();
                    return v == null ? null : v.toString();
                })
                .toList();
    }

    /** Every row, as column label → value (JSON and vector columns as their text). */
    public List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        Object v = rs.getObject(i);
                        if (v != null && v.getClass().getName().startsWith("org.postgresql.")) {
                            v = rs.getString(i); // json, jsonb, vector: their text
                        }
                        row.put(rs.getMetaData().getColumnLabel(i), v);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " (" + sql + ")", e);
        }
    }

    /** Runs statements that return no rows; returns the update count of the last. */
    public int execute(String sql, Object... params) {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.execute();
            return Math.max(0, s.getUpdateCount());
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " (" + sql + ")", e);
        }
    }

    private Object value(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row, got " + rows.size() + " (" + sql + ")");
        }
        return rows.get(0).values().iterator().next();
    }
}
