package io.tradehook.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradehook.common.Settings;
import org.flywaydb.core.Flyway;
import org.postgresql.PGProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's PostgreSQL: the configured one ({@code tradehook.db.url}), or an embedded server whose data
 * directory survives restarts. Migrated by Flyway on open; the embedded one is seeded with the demo user. The
 * gateway's database opens in the background while Camel builds the routes: its data sources wait for it on first
 * use, and {@link #awaitOpen()} (called before start-up completes) fails start-up if it could not be opened.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** Connections of a grouped statement's pool: it serves one {@link Grouped} stage, one group at a time. */
    private static final int GROUPED_POOL_SIZE = 1;
    /**
     * For the grouped statements of the side pools. They differ from one group to the next only by the length of
     * their arrays, and PostgreSQL would plan every execution again (a plan for the actual lengths looks cheaper than
     * the generic one), which costs it more CPU than the writes themselves: so one generic plan each. Each joins a
     * group's few rows to a table on its primary key, and the right plan for that is a nested loop of index lookups
     * at any table size; but a generic plan made while the table was small (a fresh database, before autovacuum's
     * first analyze) hashes the group and scans the whole table, and keeps doing so as the table grows: seen here,
     * 12 ms per group commit and 134 million rows read in the first minute. An anti-join (TE's hold on a resend)
     * planned so materialised one bitmap scan of the table's recent rows and filtered it per group row: 7 ms per
     * group at 20,000 attempts. Hash and merge joins, sequential and bitmap scans and materialising are off for these
     * sessions, so their plans are index lookups per row whatever the statistics say.
     */
    private static final String GROUP_STATEMENT_SETTINGS = "set plan_cache_mode = force_generic_plan; "
            + "set enable_hashjoin = off; set enable_mergejoin = off; set enable_seqscan = off; "
            + "set enable_bitmapscan = off; set enable_material = off";

    /** The pool, migrated and seeded, and the embedded server it connects to (null for an external database). */
    private record Opened(HikariDataSource pool, EmbeddedPostgresServer embedded) {
    }

    private final CompletableFuture<Opened> opening;
    private final DataSource dataSource = new AwaitedDataSource(this::pool);
    private final SidePool asynchronousCommit = new SidePool("tradehook-async-commit",
            "set synchronous_commit = off; " + GROUP_STATEMENT_SETTINGS, GROUPED_POOL_SIZE);
    private final SidePool groupCommit = new SidePool("tradehook-group-commit", GROUP_STATEMENT_SETTINGS,
            GROUPED_POOL_SIZE);
    private final SidePool groupedWrite = new SidePool("tradehook-grouped-write", GROUP_STATEMENT_SETTINGS,
            GROUPED_POOL_SIZE);
    /** Sized by {@code tradehook.db.api-pool-size} ({@link #withManagementPoolSize}), 4 unless told. */
    private final SidePool management = new SidePool("tradehook-api", null, 4);
    /** Where the pools report their metrics, once {@link #reportPoolMetrics} named it. */
    private volatile MeterRegistry meters;
    /** The pool's metrics reporting, set up once the pool is open (see {@link #reportPoolMetrics}). */
    private volatile CompletableFuture<Void> poolMetrics = CompletableFuture.completedFuture(null);

    private Database(CompletableFuture<Opened> opening) {
        this.opening = opening;
    }

    /**
     * Begins opening the database for the gateway on a thread of its own and returns at once; an embedded server is
     * started and owned by this process.
     */
    public static Database open(Settings settings) {
        return open(settings, Optional.empty());
    }

    /**
     * As {@link #open(Settings)}, with the embedded server already being started by {@code main} if it is the one
     * these settings name; if not, that one is stopped once started and the right one is started.
     */
    public static Database open(Settings settings, Optional<EmbeddedPostgresStart> begun) {
        Optional<Path> dataDir = embeddedDataDir(settings);
        Optional<EmbeddedPostgresStart> server = begun.filter(start -> dataDir.filter(start::isFor).isPresent());
        if (server.isEmpty()) {
            begun.ifPresent(EmbeddedPostgresStart::discard);
        }
        return new Database(Background.run("tradehook-database-open", () -> openNow(settings, server, false)));
    }

    /**
     * Opens the database for a one-off command: an embedded server already run by a gateway on the same data
     * directory is joined rather than started a second time.
     */
    public static Database openForCommand(Settings settings) {
        return new Database(CompletableFuture.completedFuture(openNow(settings, Optional.empty(), true)));
    }

    /**
     * The embedded server's data directory these settings name; empty when they name an external database, or none
     * and no embedded one either (then {@link #open} fails start-up saying so).
     */
    static Optional<Path> embeddedDataDir(Settings settings) {
        if (settings.get("tradehook.db.url").isPresent() || !embedded(settings)) {
            return Optional.empty();
        }
        return Optional.of(Path.of(settings.get("tradehook.db.data-dir",
                Path.of(System.getProperty("user.home"), ".tradehook", "pgdata").toString())));
    }

    /** {@code tradehook.db.embedded}: a deployment never falls back to an embedded database unless told to. */
    private static boolean embedded(Settings settings) {
        return Boolean.parseBoolean(settings.get("tradehook.db.embedded", "false"));
    }

    static final String NO_DATABASE = "no database configured: set tradehook.db.url (TRADEHOOK_DB_URL) to the JDBC URL "
            + "of your PostgreSQL, or tradehook.db.embedded=true (TRADEHOOK_DB_EMBEDDED) for an embedded PostgreSQL on "
            + "this machine (a developer's run: mvn -q compile exec:java sets it)";

    private static Opened openNow(Settings settings, Optional<EmbeddedPostgresStart> begun,
                                  boolean joinRunningEmbedded) {
        Optional<String> url = settings.get("tradehook.db.url");
        if (url.isEmpty() && !embedded(settings)) {
            throw new IllegalStateException(NO_DATABASE);
        }
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
            Path dataDir = embeddedDataDir(settings).orElseThrow();
            Optional<String> running = joinRunningEmbedded ? EmbeddedPostgresServer.runningOn(dataDir) : Optional.empty();
            if (running.isPresent()) {
                config.setJdbcUrl(running.get());
                config.setPassword(EmbeddedPostgresServer.passwordOf(dataDir).orElse(null));
            } else {
                embedded = begun.map(EmbeddedPostgresStart::await).orElseGet(() -> EmbeddedPostgresServer.start(dataDir));
                config.setJdbcUrl(embedded.jdbcUrl());
                config.setPassword(embedded.password());
            }
            config.setUsername(EmbeddedPostgresServer.USER);
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource);
            // the demo user (demo / demo) only where asked for, and only in an embedded database
            if (url.isEmpty() && Boolean.parseBoolean(settings.get("tradehook.db.demo-user", "false"))) {
                DemoData.seed(dataSource);
            }
        } catch (RuntimeException e) {
            dataSource.close();
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        return new Opened(dataSource, embedded);
    }

    /** Waits until the database is open; if it could not be opened, throws an exception that says why. */
    public void awaitOpen() {
        try {
            opening.join();
            poolMetrics.join();
        } catch (CompletionException e) {
            throw new IllegalStateException(notOpen(e), e.getCause());
        }
    }

    private static String notOpen(CompletionException e) {
        return "the database could not be opened: " + e.getCause().getMessage();
    }

    private HikariDataSource pool() throws SQLException {
        try {
            return opening.join().pool();
        } catch (CompletionException e) {
            throw new SQLException(notOpen(e), e.getCause());
        }
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    /** JDBC URLs may carry a password parameter; log only scheme, host and database. */
    static String redactUrl(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    /** The pool; usable at once, a call waits until the database is open. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The same database, for writes whose commit need not wait for the disk (PostgreSQL's asynchronous commit):
     * they are visible to everyone at once, and on disk before anything committed after them through
     * {@link #dataSource()} is - so before any order they protect.
     */
    public DataSource asynchronousCommitDataSource() {
        return asynchronousCommit.dataSource;
    }

    /**
     * The same database, for the group commit's statements ({@link GroupCommit}); they commit synchronously, like
     * everything written through {@link #dataSource()}.
     */
    public DataSource groupCommitDataSource() {
        return groupCommit.dataSource;
    }

    /**
     * The same database, for one more grouped statement ({@link Grouped}) whose writes must be durable before its
     * callers go on, as the group commit's are: TE's order attempts, written before the order leaves.
     */
    public DataSource groupedWriteDataSource() {
        return groupedWrite.dataSource;
    }

    /**
     * The same database, for the management API (logins, sessions, keys, request history) on a small pool of its own:
     * whatever that API suffers (a flood of logins, slow history queries) waits for these connections, never for the
     * ones the webhook path uses.
     */
    public DataSource managementDataSource() {
        return management.dataSource;
    }

    /** The management API's pool size: {@code tradehook.db.api-pool-size}. */
    public Database withManagementPoolSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("tradehook.db.api-pool-size must be at least 1, not " + size);
        }
        management.size = size;
        return this;
    }

    /**
     * A pool of its own on the same database, opened on first use: the gateway's webhook path needs them, a one-off
     * command does not. Its connections run {@code initSql} when made.
     */
    private final class SidePool {

        private final String name;
        private final String initSql;
        private final DataSource dataSource = new AwaitedDataSource(this::pool);
        private int size;
        private HikariDataSource pool;

        SidePool(String name, String initSql, int size) {
            this.name = name;
            this.initSql = initSql;
            this.size = size;
        }

        private synchronized HikariDataSource pool() throws SQLException {
            if (pool == null) {
                pool = sidePool(name, initSql, size);
            }
            return pool;
        }

        synchronized void close() {
            if (pool != null) {
                pool.close();
            }
        }
    }

    private HikariDataSource sidePool(String name, String initSql, int size) throws SQLException {
        HikariConfig config = new HikariConfig();
        pool().copyStateTo(config);
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setConnectionInitSql(initSql);
        if (meters != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        }
        return new HikariDataSource(config);
    }

    /**
     * A connection of its own to the same database, outside the pool, for a session that lasts as long as the
     * gateway (the key cache's LISTEN); named in {@code pg_stat_activity} by {@code applicationName}.
     */
    public Connection connectOutsidePool(String applicationName) throws SQLException {
        HikariDataSource dataSource = pool();
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
        meters = registry;
        poolMetrics = opening.thenAccept(opened -> opened.pool().setMetricsTrackerFactory(
                new MicrometerMetricsTrackerFactory(registry)));
    }

    /** Closes the pools and stops the embedded server; waits for an opening still under way. */
    @Override
    public void close() {
        Opened opened;
        try {
            opened = opening.join();
        } catch (CompletionException e) {
            return; // an opening that failed closed what it had opened
        }
        for (SidePool side : List.of(asynchronousCommit, groupCommit, groupedWrite, management)) {
            side.close();
        }
        opened.pool().close();
        if (opened.embedded() != null) {
            opened.embedded().close();
        }
    }
}
