package dev.ratchet.testkit;

import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class its own database on the local PostgreSQL (no Docker needed), with Ratchet's migrations
 * applied; the database is dropped when the class's tests are done.
 *
 * <pre>
 * &#64;ExtendWith(RatchetDatabaseExtension.class)
 * class MyTest {
 *     &#64;Test void stores(TestDatabase db) { ... }
 * }
 * </pre>
 *
 * <p>The server is {@code RATCHET_TEST_DB_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}, a
 * database the user can connect to in order to create others) as {@code RATCHET_TEST_DB_USER} (default
 * {@code postgres}) with {@code RATCHET_TEST_DB_PASSWORD}. Set {@code RATCHET_TEST_KEEP_DB=true} to keep the
 * databases for inspection.
 */
public final class RatchetDatabaseExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS =
            ExtensionContext.Namespace.create(RatchetDatabaseExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension)
            throws ParameterResolutionException {
        return database(extension);
    }

    private static TestDatabase database(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()
                || classContext.getTestClass().map(c -> c != testClass).orElse(false)) {
            classContext = classContext.getParent().orElseThrow();
        }
        return classContext
                .getStore(NS)
                .computeIfAbsent(testClass, c -> new Resource(create(testClass)), Resource.class)
                .db;
    }

    /** Closes the pool and drops the database when the class's store closes. */
    private record Resource(TestDatabase db) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            dispose(db);
        }
    }

    /** Closes the pool and drops the database, unless {@code RATCHET_TEST_KEEP_DB=true}. */
    static void dispose(TestDatabase db) throws SQLException {
        db.database().close();
        if (!Boolean.parseBoolean(env("RATCHET_TEST_KEEP_DB", "false"))) {
            try (Connection c = admin();
                    Statement s = c.createStatement()) {
                s.execute("drop database if exists " + db.name() + " with (force)");
            }
        }
    }

    static TestDatabase create(Class<?> testClass) {
        String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String name = "rt_" + simple.substring(0, Math.min(30, simple.length())) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) from pg_available_extensions where name = 'vector'")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    throw new IllegalStateException("the PostgreSQL at " + adminUrl()
                            + " has no pgvector extension; run scripts/provision-db.sh");
                }
            }
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create a test database on " + adminUrl() + " (" + e.getMessage()
                            + "); start PostgreSQL with scripts/provision-db.sh or set RATCHET_TEST_DB_URL",
                    e);
        }
        String base = adminUrl();
        String url = base.substring(0, base.lastIndexOf('/') + 1) + name;
        DatabaseSettings settings = new DatabaseSettings(
                url, env("RATCHET_TEST_DB_USER", "postgres"), env("RATCHET_TEST_DB_PASSWORD", ""), "ratchet", 8, 384);
        Database database = Database.connect(settings);
        database.migrate();
        return new TestDatabase(name, settings, database);
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(
                adminUrl(), env("RATCHET_TEST_DB_USER", "postgres"), env("RATCHET_TEST_DB_PASSWORD", ""));
    }

    private static String adminUrl() {
        return env("RATCHET_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
