package io.tradehook.db;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.tradehook.common.Settings;

/**
 * The embedded PostgreSQL being started on a thread of its own. Its initdb (first run) and the server's start take
 * seconds: begun first thing in {@code main}, they run while Camel loads and builds the routes.
 */
public final class EmbeddedPostgresStart {

    private final Path dataDir;
    private final CompletableFuture<EmbeddedPostgresServer> server;

    private EmbeddedPostgresStart(Path dataDir) {
        this.dataDir = dataDir;
        this.server = Background.run("tradehook-postgres-start", () -> EmbeddedPostgresServer.start(dataDir));
    }

    /** Begins starting the embedded server these settings name; empty when they name an external database. */
    public static Optional<EmbeddedPostgresStart> begin(Settings settings) {
        return Database.embeddedDataDir(settings).map(EmbeddedPostgresStart::new);
    }

    /**
     * As {@link #begin}, with the settings read on a thread of its own as well: reading them builds a Camel context,
     * about a second of class loading on a cold JVM, which would otherwise delay initdb and hold up {@code main}.
     */
    public static CompletableFuture<Optional<EmbeddedPostgresStart>> beginReading(Supplier<Settings> settings) {
        return Background.run("tradehook-postgres-settings", () -> begin(settings.get()));
    }

    boolean isFor(Path dataDir) {
        return this.dataDir.equals(dataDir);
    }

    /** The started server; waits for it. Throws what stopped it from starting. */
    EmbeddedPostgresServer await() {
        try {
            return server.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Not needed after all (the gateway's settings name another database): stopped once started. */
    void discard() {
        server.thenAccept(EmbeddedPostgresServer::close);
    }
}
