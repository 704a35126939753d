package io.tradehook.db;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Start-up work run on a daemon thread of its own, its outcome (value or failure) in a future. */
final class Background {

    private Background() {
    }

    static <T> CompletableFuture<T> run(String threadName, Supplier<T> work) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                outcome.complete(work.get());
            } catch (Throwable e) {
                // whatever stops the work fails the future, so that whoever waits for it fails instead of hanging
                outcome.completeExceptionally(e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return outcome;
    }
}
