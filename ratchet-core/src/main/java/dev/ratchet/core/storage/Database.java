package dev.ratchet.core.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ratchet.core.Json;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.Redaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Types;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.jackson2.Jackson2Config;
import org.jdbi.v3.jackson2.Jackson2Plugin;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL database: a connection pool, JDBI on top of it, Flyway migrations, and transactions that job
 * enqueues join (see {@link TransactionBoundDataSource}).
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /**
     * An expression that, evaluated in a statement, lets the statement's transaction commit without waiting for its WAL
     * to reach the disk ({@code synchronous_commit} off for that transaction alone, no statement of its own): each
     * such wait took 3 ms at the median and 14 ms at the 90th percentile on the shared bench machine, several of them
     * on an alert's way to its runbook. Only for bookkeeping whose loss the work repairs by running again: a
     * PostgreSQL crash (not the bot's) can lose the last such commits of up to ~0.6 s, and what is lost is always a
     * suffix of the commit history (the first commit that waits for the disk, of any connection, writes every earlier
     * one too), so the database is left as if the bot had stopped just before it, as after a crash of the bot. Work
     * with an effect outside the database (a Slack post, an event's acknowledgement) records it with a commit that
     * waits first (the post's {@code bot_posts} row, the event's transaction).
     */
    public static final String UNFLUSHED_COMMIT = "set_config('synchronous_commit', 'off', true)";

    private final DatabaseSettings settings;
    private final HikariDataSource pool;
    private final TransactionBoundDataSource dataSource;
    // JobRunr's own transactions (a job's fetch and its state changes) outside Ratchet's: commits not waiting for the
    // disk
    private final java.util.function.Supplier<HikariDataSource> jobsPool;
    private volatile HikariDataSource jobsPoolOpen;
    private final Jdbi jdbi;
    // the handle of this thread's open transaction: withHandle and nested transactions run on it
    private final ThreadLocal<Handle> current = new ThreadLocal<>();
    // what this thread's open transaction did once already (see firstInTransaction)
    private final ThreadLocal<java.util.Set<String>> doneInTransaction = new ThreadLocal<>();
    // set when the pool could not open a connection to the server, cleared when it opens one again
    private final AtomicBoolean unreachable = new AtomicBoolean();
    private volatile long unreachableSince;
    private volatile boolean closed;

    private Database(
            DatabaseSettings settings, HikariDataSource pool, java.util.function.Supplier<HikariDataSource> jobsPool) {
        this.settings = settings;
        this.pool = pool;
        this.jobsPool = jobsPool;
        this.dataSource = new TransactionBoundDataSource(pool);
        this.jdbi = Jdbi.create(dataSource)
                .installPlugin(new PostgresPlugin())
                .installPlugin(new Jackson2Plugin())
                .installPlugin(new PgVectorPlugin());
        jdbi.getConfig(Jackson2Config.class).setMapper(Json.MAPPER);
        // PostgreSQL refuses NUL in text (and in jsonb, which Json.MAPPER takes care of): every string bound to a
        // statement, from Slack, a model or a document, has it replaced, here rather than in each repository
        jdbi.registerArgument(new NulFreeStrings());
    }

    /** Binds strings with each NUL replaced by {@link Json#NUL_REPLACEMENT}. */
    private static final class NulFreeStrings extends AbstractArgumentFactory<String> {
        NulFreeStrings() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(String value, ConfigRegistry config) {
            String clean = Json.withoutNul(value);
            return (position, statement, ctx) -> statement.setString(position, clean);
        }
    }

    /**
     * Opens a pool to the database and checks it answers.
     *
     * @throws StartupException with one line an operator can act on when the database cannot be reached
     */
    public static Database connect(DatabaseSettings settings) {
        HikariConfig hc = config(settings, "ratchet", settings.poolSize());
        hc.setInitializationFailTimeout(1); // fail at once with the driver's reason instead of retrying for minutes
        // search's IVFFlat settings for every connection (only an IVFFlat scan reads them), so that search can rank on
        // any connection without setting them first; HybridSearch checks they hold and sets them where they do not
        hc.addDataSourceProperty("options", withUrlOptions(settings, HybridSearch.LIST_OPTIONS));
        HikariConfig jobs = config(settings, "ratchet-jobs", JOBS_POOL_SIZE);
        jobs.setMinimumIdle(1);
        jobs.setInitializationFailTimeout(-1); // opened after the pool answered: a failure here is JobRunr's to retry
        jobs.addDataSourceProperty("options", withUrlOptions(settings, "-c synchronous_commit=off"));
        try {
            Database[] self = new Database[1];
            HikariDataSource pool = watched(hc, self);
            // its failures to connect mark the database unreachable too, as the pool's do
            self[0] = new Database(settings, pool, () -> watched(jobs, self));
            return self[0];
        } catch (RuntimeException e) { // HikariPool.PoolInitializationException, or a malformed URL
            throw unreachable(settings, e);
        }
    }

    /** A pool's settings: Ratchet's schema first, so unqualified names (tables and the vector type) resolve there. */
    private static HikariConfig config(DatabaseSettings settings, String name, int size) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(urlWithoutOptions(settings.url()));
        hc.setUsername(settings.user());
        hc.setPassword(settings.password());
        hc.setMaximumPoolSize(size);
        hc.setPoolName(name);
        hc.setConnectionTimeout(10_000);
        hc.addDataSourceProperty("currentSchema", settings.schema() + ",public");
        hc.addDataSourceProperty("ApplicationName", "ratchet");
        hc.addDataSourceProperty("connectTimeout", "5");
        return hc;
    }

    // the URL's own server settings (options=-c ...): the driver lets a URL parameter replace a connection property,
    // so they are taken out of the URL and given with Ratchet's, in one property, the user's first
    private static final java.util.regex.Pattern URL_OPTIONS =
            java.util.regex.Pattern.compile("([?&])options=([^&]*)&?");

    static String urlWithoutOptions(String url) {
        var m = URL_OPTIONS.matcher(url);
        if (!m.find()) {
            return url;
        }
        String rest = url.substring(m.end());
        String kept = url.substring(0, m.start()) + (rest.isEmpty() ? "" : m.group(1) + rest);
        return kept;
    }

    static String withUrlOptions(DatabaseSettings settings, String ours) {
        var m = URL_OPTIONS.matcher(settings.url());
        if (!m.find() || m.group(2).isBlank()) {
            return ours;
        }
        return java.net.URLDecoder.decode(m.group(2), java.nio.charset.StandardCharsets.UTF_8) + " " + ours;
    }

    /** A pool whose failures to connect mark {@code self[0]} (once it is there) unreachable. */
    private static HikariDataSource watched(HikariConfig config, Database[] self) {
        return new HikariDataSource(config) {
            @Override
            public Connection getConnection() throws SQLException {
                try {
                    return super.getConnection();
                } catch (SQLTransientConnectionException e) {
                    if (self[0] != null) {
                        self[0].connectionLost(e);
                    }
                    throw e;
                }
            }
        };
    }

    private static StartupException unreachable(DatabaseSettings settings, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getMessage() == null
                ? root.getClass().getSimpleName()
                : Redaction.redact(root.getMessage().lines().findFirst().orElse(""));
        String fix;
        if (reason.contains("does not exist") && reason.contains("database")) {
            fix =
                    "create it with scripts/provision-db.sh (or createdb), or point RATCHET_DB_URL at an existing database";
        } else if (reason.contains("authentication") || reason.contains("password")) {
            fix = "check RATCHET_DB_USER and RATCHET_DB_PASSWORD";
        } else {
            fix =
                    "start PostgreSQL (scripts/provision-db.sh does it on this machine), or set RATCHET_DB_URL to a reachable server";
        }
        return new StartupException(
                StartupException.DATABASE,
                "cannot connect to PostgreSQL at " + settings.safeUrl() + " as " + settings.user() + ": " + reason
                        + ". Fix: " + fix + ".",
                e);
    }

    /**
     * Applies pending migrations. Idempotent.
     *
     * @return the number of migrations applied now
     * @throws StartupException when a migration fails or pgvector is missing
     */
    public int migrate() {
        try {
            MigrateResult result = flyway().migrate();
            if (result.migrationsExecuted > 0) {
                log.info(
                        "applied {} migration(s); schema {} is at version {}",
                        result.migrationsExecuted,
                        settings.schema(),
                        result.targetSchemaVersion);
            }
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            String message = Redaction.redact(String.valueOf(e.getMessage())); // Flyway quotes the JDBC URL
            if (message.contains("extension \"vector\"") || message.contains("vector.control")) {
                throw new StartupException(
                        StartupException.DATABASE,
                        "the PostgreSQL server at " + settings.safeUrl()
                                + " has no pgvector extension. Fix: run scripts/provision-db.sh on this machine, or install pgvector on the server.",
                        e);
            }
            throw new StartupException(
                    StartupException.DATABASE,
                    "database migration failed on " + settings.safeUrl() + ": "
                            + message.lines()
                                    .limit(6)
                                    .reduce((a, b) -> a + " " + b)
                                    .orElse("") + ".",
                    e);
        }
    }

    /** The schema version after migration, or "none". */
    public String schemaVersion() {
        var current = flyway().info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    /** The installed pgvector version, or empty when the extension is not installed in this database. */
    public java.util.Optional<String> vectorVersion() {
        return withHandle(h -> h.createQuery("select extversion from pg_extension where extname = 'vector'")
                .mapTo(String.class)
                .findOne());
    }

    /** Whether migrations are pending. */
    public int pendingMigrations() {
        return flyway().info().pending().length;
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(pool)
                .schemas(settings.schema())
                .createSchemas(true)
                .placeholders(Map.of(
                        "embedding_dimension", Integer.toString(settings.embeddingDimension()),
                        "jobs_schema", settings.jobsSchema()))
                .locations("classpath:db/migration")
                .load();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The data source JobRunr and others should use: it joins transactions opened with {@link #inTransaction}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Connections of JobRunr's own transactions ({@link #jobsDataSource}), beside the pool's. */
    static final int JOBS_POOL_SIZE = 3;

    /**
     * The data source of JobRunr's storage: it joins transactions opened with {@link #inTransaction}, as {@link
     * #dataSource} does (a job enqueued there commits with them, waiting for the disk), and JobRunr's own transactions
     * outside them (a job's fetch and its state changes, the scheduled jobs' moves, the servers' heartbeats) run on
     * {@link #JOBS_POOL_SIZE} connections of their own whose commits do not wait for the disk (as {@link
     * #UNFLUSHED_COMMIT}): two waits of 3-14 ms an event, one of them between an event's commit and its job's start.
     * Lost in a PostgreSQL crash, a job is back to enqueued (run again: its module run says it is done) or processing
     * (run again once its server is taken for dead), as after the bot's crash. Opened at the first call.
     */
    public synchronized DataSource jobsDataSource() {
        if (jobsPoolOpen == null) {
            jobsPoolOpen = jobsPool.get();
        }
        return dataSource.withPool(jobsPoolOpen);
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /**
     * Runs {@code work} in one transaction; JobRunr enqueues made inside it (on this thread) commit or roll back with
     * it. Nested calls join the outer transaction.
     */
    public <T, X extends Exception> T inTransaction(HandleCallback<T, X> work) throws X {
        Handle open = current.get();
        if (open != null) {
            return work.withHandle(open);
        }
        return jdbi.inTransaction(handle -> {
            current.set(handle);
            doneInTransaction.set(new java.util.HashSet<>());
            try {
                return dataSource.bind(handle.getConnection(), () -> {
                    try {
                        return work.withHandle(handle);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new Wrapped(e);
                    }
                });
            } catch (Wrapped w) {
                @SuppressWarnings("unchecked")
                X x = (X) w.getCause();
                throw x;
            } finally {
                current.remove();
                doneInTransaction.remove();
            }
        });
    }

    /** Whether this thread has a transaction open ({@link #inTransaction}): its work must stay on its connection. */
    public boolean inOpenTransaction() {
        return current.get() != null;
    }

    /**
     * Whether this is the first call with {@code key} in this thread's open transaction (and records it); always true
     * outside a transaction. For work a transaction needs once however many rows it stores (the embedding queue's
     * mark, say).
     */
    public boolean firstInTransaction(String key) {
        java.util.Set<String> done = doneInTransaction.get();
        return done == null || done.add(key);
    }

    /**
     * Runs {@code work} with a handle: the one of this thread's open transaction (so repositories called inside
     * {@link #inTransaction} or {@link Storage#inTransaction} join it), else a new one outside any explicit
     * transaction (each statement commits).
     */
    public <T, X extends Exception> T withHandle(HandleCallback<T, X> work) throws X {
        Handle open = current.get();
        if (open != null) {
            return work.withHandle(open);
        }
        return jdbi.withHandle(work);
    }

    /**
     * Whether this thread's open transaction did {@code key} once already ({@link #firstInTransaction}), without
     * recording it; false outside a transaction.
     */
    boolean doneInTransaction(String key) {
        java.util.Set<String> done = doneInTransaction.get();
        return done != null && done.contains(key);
    }

    /** Work done in a transaction. */
    @FunctionalInterface
    public interface Work<T, X extends Exception> {
        T run() throws X;
    }

    /**
     * Runs {@code work} in one transaction, as {@link #inTransaction} does, for callers that use repositories: every
     * repository call inside it (on this thread) joins the transaction, and so do JobRunr enqueues.
     */
    public <T, X extends Exception> T transaction(Work<T, X> work) throws X {
        return inTransaction(h -> work.run());
    }

    private static final class Wrapped extends RuntimeException {
        Wrapped(Exception cause) {
            super(cause);
        }
    }

    /** Drops these schemas and everything in them, if they exist (the bench's own schemas, say). */
    public void dropSchemas(String... schemas) {
        String sql = java.util.Arrays.stream(schemas)
                .map(schema -> "drop schema if exists " + schema + " cascade")
                .collect(java.util.stream.Collectors.joining("; "));
        jdbi.withHandle(h -> h.execute(sql));
    }

    /**
     * Whether {@code failure} says the server cannot be reached: a connection-class SQL state ({@code 08...}: refused,
     * reset, broken), or the pool timing out while its connection attempts fail (not because every connection was
     * busy). If so, marks the database unreachable: until a probe thread opens a working connection again, work that
     * needs the database can be refused at once ({@link #requireReachable()}) instead of waiting the pool's
     * connection timeout.
     */
    public boolean connectionLost(Throwable failure) {
        boolean lost = false;
        for (Throwable t = failure; t != null && !lost; t = t.getCause() == t ? null : t.getCause()) {
            lost = t instanceof SQLTransientConnectionException && t.getCause() != null
                    || t instanceof SQLException sql
                            && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08");
        }
        if (!lost || closed) {
            return lost;
        }
        if (unreachable.compareAndSet(false, true)) {
            unreachableSince = System.nanoTime();
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            log.warn(
                    "database at {} unreachable ({}); refusing Slack events at once until it answers again",
                    settings.safeUrl(),
                    firstLine(root));
            Thread probe = new Thread(this::probe, "ratchet-db-probe");
            probe.setDaemon(true);
            probe.start();
        }
        return true;
    }

    /** Opens connections until one works, then clears the unreachable mark; or until the pool closes. */
    private void probe() {
        while (unreachable.get() && !closed) {
            try (Connection c = pool.getConnection()) {
                if (c.isValid(2)) {
                    unreachable.set(false);
                    log.info(
                            "database at {} answers again after {} s",
                            settings.safeUrl(),
                            java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - unreachableSince));
                    return;
                }
            } catch (SQLException | RuntimeException e) {
                // still unreachable
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException ie) {
                return;
            }
        }
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }

    /** Whether the database is reachable as far as the pool knows (its last attempt to connect did not fail). */
    public boolean reachable() {
        return !unreachable.get();
    }

    /**
     * Fails at once while the pool knows the database is unreachable, instead of waiting the pool's connection
     * timeout for each statement; for work with a caller waiting (Slack events, which Slack delivers again).
     *
     * @throws DatabaseUnavailableException while the database is unreachable
     */
    public void requireReachable() {
        if (unreachable.get()) {
            throw new DatabaseUnavailableException("the database at " + settings.safeUrl()
                    + " is unreachable; retry when it answers again (see /readyz)");
        }
    }

    /** Checks the database answers a trivial query; false at once while it is known to be unreachable. */
    public boolean isHealthy() {
        if (unreachable.get()) {
            return false;
        }
        try (Handle h = jdbi.open()) {
            return h.createQuery("select 1").mapTo(Integer.class).one() == 1;
        } catch (RuntimeException e) {
            connectionLost(e);
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        pool.close();
        synchronized (this) {
            if (jobsPoolOpen != null) {
                jobsPoolOpen.close();
            }
        }
    }
}
