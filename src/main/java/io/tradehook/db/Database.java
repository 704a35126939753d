package io.tradehook.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradehook.Settings;
import org.flywaydb.core.Flyway;
import org.postgresql.PGProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's PostgreSQL: the configured one ({@code tradehook.db.url}), or an embedded server whose data
 * directory survives restarts. Migrated by Flyway on open; the embedded one is seeded with the demo user.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** Connections of the asynchronous-commit pool: it serves one statement at a time per grouped work. */
    private static final int ASYNCHRONOUS_COMMIT_POOL_SIZE = 3;
    /** Connections of the group-commit pool: one per worker of the group commit. */
    private static final int GROUP_COMMIT_POOL_SIZE = 2;

    private final HikariDataSource dataSource;
    private final EmbeddedPostgresServer embedded;
    /** Opened on first use: the gateway's webhook path needs it, a one-off command does not. */
    private HikariDataSource asynchronousCommit;
    private HikariDataSource groupCommit;

    private Database(HikariDataSource dataSource, EmbeddedPostgresServer embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
    }

    /** Opens the database for the gateway: an embedded server is started and owned by this process. */
    public static Database open(Settings settings) {
        return open(settings, false);
    }

    /**
     * Opens the database for a one-off command: an embedded server already run by a gateway on the same data
     * directory is joined rather than started a second time.
     */
    public static Database openForCommand(Settings settings) {
        return open(settings, true);
    }

    private static Database open(Settings settings, boolean joinRunningEmbedded) {
        Optional<String> url = settings.get("tradehook.db.url");
        EmbeddedPostgresServer embedded = null;
        HikariConfig config = new HikariConfig();
        config.setPoolName("tradehook");
        config.setMaximumPoolSize(settings.getInt("tradehook.db.pool-size", 16));
        config.setConnectionTimeout(settings.getDuration("tradehook.db.connect-timeout", Duration.ofMillis(800)).toMillis());
        config.setInitializationFailTimeout(-1);
        if (url.isPresent()) {
            config.setJdbcUrl(url.get());
            config.setUsername(settings.get("tradehook.db.user", null));
            config.setPassword(settings.get("tradehook.db.password", null));
            LOG.info("Using PostgreSQL at {}", redactUrl(url.get()));
        } else {
            Path dataDir = Path.of(settings.get("tradehook.db.data-dir",
                    Path.of(System.getProperty("user.home"), ".tradehook", "pgdata").toString()));
            Optional<String> running = joinRunningEmbedded ? EmbeddedPostgresServer.runningOn(dataDir) : Optional.empty();
            if (running.isPresent()) {
                config.setJdbcUrl(running.get());
            } else {
                embedded = EmbeddedPostgresServer.start(dataDir);
                config.setJdbcUrl(embedded.jdbcUrl());
            }
            config.setUsername(EmbeddedPostgresServer.USER);
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource);
            if (url.isEmpty()) {
                DemoData.seed(dataSource);
            }
        } catch (RuntimeException e) {
            dataSource.close();
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        return new Database(dataSource, embedded);
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    /** JDBC URLs may carry a password parameter; log only scheme, host and database. */
    static String redactUrl(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The same database, for writes whose commit need not wait for the disk (PostgreSQL's asynchronous commit):
     * they are visible to everyone at once, and on disk before anything committed after them through
     * {@link #dataSource()} is - so before any order they protect.
     */
    public synchronized DataSource asynchronousCommitDataSource() {
        if (asynchronousCommit == null) {
            HikariConfig config = new HikariConfig();
            dataSource.copyStateTo(config);
            config.setPoolName("tradehook-async-commit");
            config.setMaximumPoolSize(ASYNCHRONOUS_COMMIT_POOL_SIZE);
            config.setConnectionInitSql("set synchronous_commit = off");
            asynchronousCommit = new HikariDataSource(config);
        }
        return asynchronousCommit;
    }

    /**
     * The same database, for the group commit's statements ({@link GroupCommit}). They differ from one group to the
     * next only by the length of their arrays, and PostgreSQL would plan every execution again (a plan for the
     * actual lengths looks cheaper than the generic one), which costs it more CPU than the writes themselves; on
     * these connections prepared statements keep their generic plan.
     */
    public synchronized DataSource groupCommitDataSource() {
        if (groupCommit == null) {
            HikariConfig config = new HikariConfig();
            dataSource.copyStateTo(config);
            config.setPoolName("tradehook-group-commit");
            config.setMaximumPoolSize(GROUP_COMMIT_POOL_SIZE);
            config.setConnectionInitSql("set plan_cache_mode = force_generic_plan");
            groupCommit = new HikariDataSource(config);
        }
        return groupCommit;
    }

    /**
     * A connection of its own to the same database, outside the pool, for a session that lasts as long as the
     * gateway (the key cache's LISTEN); named in {@code pg_stat_activity} by {@code applicationName}.
     */
    public Connection connectOutsidePool(String applicationName) throws SQLException {
        Properties properties = new Properties();
        if (dataSource.getUsername() != null) {
            PGProperty.USER.set(properties, dataSource.getUsername());
        }
        if (dataSource.getPassword() != null) {
            PGProperty.PASSWORD.set(properties, dataSource.getPassword());
        }
        PGProperty.APPLICATION_NAME.set(properties, applicationName);
        PGProperty.CONNECT_TIMEOUT.set(properties, (int) Math.max(1, dataSource.getConnectionTimeout() / 1000));
        PGProperty.TCP_KEEP_ALIVE.set(properties, true);
        return DriverManager.getConnection(dataSource.getJdbcUrl(), properties);
    }

    /** Reports the pool's connections, waits and timeouts ({@code hikaricp_*}) into the metrics registry. */
    public void reportPoolMetrics(MeterRegistry registry) {
        dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }

    @Override
    public synchronized void close() {
        if (asynchronousCommit != null) {
            asynchronousCommit.close();
        }
        if (groupCommit != null) {
            groupCommit.close();
        }
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
