package io.tradehook.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** One real PostgreSQL server per test JVM; every test class gets a database of its own. */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // room for the classes that run a second gateway or their own pools beside the per-class one
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "500").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server;
    }

    /** Creates an empty database and returns its JDBC URL (user {@code postgres}, no password). */
    public static String newDatabase() {
        String name = "tradehook_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + name;
    }

    /** Lets new sessions into a test database, or keeps them all out (sessions already open stay). */
    public static void allowConnections(String database, boolean allowed) {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("alter database \"" + database + "\" allow_connections " + allowed);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int port() {
        return server().getPort();
    }
}
