package io.tradehook.te;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A list read from TE (accounts, an account's instruments), kept for {@code tradehook.te.cache-ttl}. Past that it is
 * still served while one background read replaces it: at a candle close thousands of orders arrive together, and
 * none of them may wait for, or start, a read of its own. One read at a time: callers that find what they need
 * missing ({@link #reload}) wait for a single read and share it.
 */
final class TeCached<T> {

    private record Loaded<T>(T value, long loadedAt) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(TeCached.class);
    /** A background read is not tied to any request's budget. */
    private static final long BACKGROUND_BUDGET_MS = 10_000;

    private final String what;
    private final Duration ttl;
    private final Function<Deadline, T> read;
    private final Executor background;
    private final ReentrantLock reading = new ReentrantLock();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Loaded<T> current;

    TeCached(String what, Duration ttl, Function<Deadline, T> read, Executor background) {
        this.what = what;
        this.ttl = ttl;
        this.read = read;
        this.background = background;
    }

    /** What was last read; read now when nothing was yet, refreshed behind the caller when it is old. */
    T get(Deadline deadline) {
        Loaded<T> loaded = current;
        if (loaded == null) {
            return reload(deadline, null);
        }
        if (System.currentTimeMillis() - loaded.loadedAt > ttl.toMillis() && refreshing.compareAndSet(false, true)) {
            background.execute(this::refresh);
        }
        return loaded.value;
    }

    /**
     * Reads anew because {@code seen} lacked something (a new account, a new instrument), unless a read that
     * finished meanwhile already replaced it: then that one is the answer.
     */
    T reload(Deadline deadline, T seen) {
        try {
            if (!reading.tryLock(Math.max(0, deadline.remainingMillis()), TimeUnit.MILLISECONDS)) {
                return seen != null ? seen : current();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return seen;
        }
        try {
            Loaded<T> loaded = current;
            if (loaded != null && loaded.value != seen) {
                return loaded.value;
            }
            T value = read.apply(deadline);
            current = new Loaded<>(value, System.currentTimeMillis());
            return value;
        } finally {
            reading.unlock();
        }
    }

    private T current() {
        Loaded<T> loaded = current;
        if (loaded == null) {
            throw TeClient.busy(1);
        }
        return loaded.value;
    }

    private void refresh() {
        try {
            Loaded<T> before = current;
            reload(new Deadline(System.currentTimeMillis() + BACKGROUND_BUDGET_MS), before == null ? null : before.value);
        } catch (RuntimeException e) {
            LOG.warn("TE {} not refreshed ({}); the last ones read are used meanwhile", what, e.getMessage());
        } finally {
            refreshing.set(false);
        }
    }
}
