package dev.ratchet.core.storage;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that hands out the current thread's transaction connection while one is bound, and pooled
 * connections otherwise.
 *
 * <p>This is how a job is enqueued in the same transaction as the message it concerns: JobRunr's storage provider
 * asks this data source for a connection, gets the ingest transaction's, and its own commit, rollback, auto-commit
 * changes and close become no-ops, so the job row commits or rolls back with the message. JobRunr's open-source
 * edition has no transaction integration of its own (the same idea as Spring's TransactionAwareDataSourceProxy).
 */
public final class TransactionBoundDataSource implements DataSource {

    private final DataSource pool;
    private final ThreadLocal<Connection> bound;

    public TransactionBoundDataSource(DataSource pool) {
        this(pool, new ThreadLocal<>());
    }

    private TransactionBoundDataSource(DataSource pool, ThreadLocal<Connection> bound) {
        this.pool = pool;
        this.bound = bound;
    }

    /** This data source with connections from {@code other} outside transactions: inside one, its connection still. */
    public TransactionBoundDataSource withPool(DataSource other) {
        return new TransactionBoundDataSource(other, bound);
    }

    /** Runs {@code work} with {@code connection} bound to this thread. Re-entrant: an inner bind keeps the outer one. */
    public <T> T bind(Connection connection, Supplier<T> work) {
        Connection previous = bound.get();
        if (previous != null) {
            return work.get();
        }
        bound.set(connection);
        try {
            return work.get();
        } finally {
            bound.remove();
        }
    }

    public boolean inTransaction() {
        return bound.get() != null;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = bound.get();
        return c == null ? pool.getConnection() : unclosable(c);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Connection c = bound.get();
        return c == null ? pool.getConnection(username, password) : unclosable(c);
    }

    private static Connection unclosable(Connection target) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close", "commit", "rollback", "setAutoCommit", "releaseSavepoint":
                            if (method.getName().equals("rollback") && args != null && args.length == 1) {
                                break; // rollback to a savepoint is the caller's own business: let it through
                            }
                            return null; // the transaction's owner commits, rolls back and closes
                        case "isClosed":
                            return target.isClosed();
                        case "unwrap":
                            return target.unwrap((Class<?>) args[0]);
                        default:
                            break;
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
