package io.tradehook.support;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** Runs n calls at once: every thread waits at a gate, then all go together. */
public final class Concurrently {

    private Concurrently() {
    }

    public static <T> List<T> run(int n, IntFunction<T> call) {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<CompletableFuture<T>> futures = IntStream.range(0, n)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        try {
                            gate.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                        return call.apply(i);
                    }, pool))
                    .toList();
            gate.countDown();
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }
}
