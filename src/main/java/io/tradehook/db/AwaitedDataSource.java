package io.tradehook.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A data source handed out while the database is still opening in the background: every call first waits until it
 * is open (no wait once it is), then goes to the pool. {@code unwrap} reaches the pool.
 */
final class AwaitedDataSource implements DataSource {

    /** The pool, once the database is open; fails if it could not be opened. */
    @FunctionalInterface
    interface Pool {
        DataSource await() throws SQLException;
    }

    private final Pool pool;

    AwaitedDataSource(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.await().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pool.await().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.await().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.await().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.await().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.await().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        try {
            return pool.await().getParentLogger();
        } catch (SQLFeatureNotSupportedException e) {
            throw e;
        } catch (SQLException e) {
            throw new SQLFeatureNotSupportedException(e.getMessage(), e);
        }
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.await().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.await().isWrapperFor(type);
    }
}
