package io.tradehook.keys;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.apache.camel.support.service.ServiceSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link KeyCache} current: on a connection of its own, outside the pool, it listens on the channel the
 * triggers of V5__key_cache.sql notify ({@code key:<api key>}, {@code user:<user id>}, {@code *}) and evicts what
 * changed. While it is not connected the cache is bypassed; it reconnects every {@link #RETRY} until it is stopped.
 */
public final class KeyChangeListener extends ServiceSupport {

    /** The listener's {@code application_name} in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "tradehook-key-listener";
    static final String CHANNEL = "tradehook_keys";
    private static final Logger LOG = LoggerFactory.getLogger(KeyChangeListener.class);
    /** How long one wait for notifications lasts: a quiet connection is checked, and a stop seen, this often. */
    private static final int POLL_MILLIS = 500;
    private static final int VALID_TIMEOUT_SECONDS = 2;
    private static final Duration RETRY = Duration.ofSeconds(1);

    /** Opens the listener's own connection to the gateway's database. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private final KeyCache cache;
    private final Connector connector;
    private volatile boolean running;
    private Thread thread;

    public KeyChangeListener(KeyCache cache, Connector connector) {
        this.cache = cache;
        this.connector = connector;
    }

    @Override
    protected void doStart() {
        running = true;
        thread = new Thread(this::run, APPLICATION_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(POLL_MILLIS * 4L);
        }
    }

    private void run() {
        while (running) {
            try (Connection connection = connector.connect()) {
                listen(connection);
            } catch (SQLException | RuntimeException e) {
                cache.notListening();
                if (running) {
                    LOG.warn("Key cache bypassed, every webhook reads its key from the database: "
                            + "listening for key changes failed ({}); retrying in {} ms", e.getMessage(), RETRY.toMillis());
                }
            }
            if (running && !pause()) {
                return;
            }
        }
        cache.notListening();
    }

    private void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        cache.listening();
        LOG.info("Key cache on: listening for key changes");
        PGConnection notifications = connection.unwrap(PGConnection.class);
        while (running) {
            PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
            if (received == null || received.length == 0) {
                // a connection that died without a word (network cut) only shows when used
                if (!connection.isValid(VALID_TIMEOUT_SECONDS)) {
                    throw new SQLException("the connection is no longer valid");
                }
                continue;
            }
            for (PGNotification notification : received) {
                apply(notification.getParameter());
            }
        }
    }

    /** {@code key:<api key>}, {@code user:<user id>}; anything else (a truncate's {@code *}) empties the cache. */
    private void apply(String change) {
        if (change.startsWith("key:")) {
            cache.forgetApiKey(change.substring(4));
        } else if (change.startsWith("user:")) {
            try {
                cache.forgetUser(Long.parseLong(change.substring(5)));
            } catch (NumberFormatException e) {
                cache.forgetAll();
            }
        } else {
            cache.forgetAll();
        }
    }

    /** False when interrupted by {@link #doStop()}. */
    private boolean pause() {
        try {
            Thread.sleep(RETRY.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
