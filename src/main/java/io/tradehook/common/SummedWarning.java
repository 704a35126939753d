package io.tradehook.common;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * A warning that can come thousands of times a second (every alert a candle close brings, refused for one reason):
 * logged at most once per second, with how many times it happened since the last line. A line per alert would cost
 * more than refusing the alert, and bury everything else in the log.
 */
public final class SummedWarning {

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Logger log;
    private final String message;
    private final LongSupplier nanoClock;
    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong nextLineAt;

    /** {@code message}: what happened, such as "TE calls not sent: no connection free within the request's budget". */
    public SummedWarning(Logger log, String message) {
        this(log, message, System::nanoTime);
    }

    SummedWarning(Logger log, String message, LongSupplier nanoClock) {
        this.log = log;
        this.message = message;
        this.nanoClock = nanoClock;
        this.nextLineAt = new AtomicLong(nanoClock.getAsLong());
    }

    public void happened() {
        unlogged.incrementAndGet();
        long now = nanoClock.getAsLong();
        long due = nextLineAt.get();
        if (now - due >= 0 && nextLineAt.compareAndSet(due, now + INTERVAL_NANOS)) {
            long times = unlogged.getAndSet(0);
            log.warn("{} ({} time{} since the last such line)", message, times, times == 1 ? "" : "s");
        }
    }
}
