package io.tradehook.te;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * At most {@code limit} calls in any {@code window}: the start of every call is remembered, and a call may start
 * once the one {@code limit} calls before it started a window ago. Turns are handed out in the order they are asked
 * for, so orders waiting for their turn keep their order of arrival. A burst up to the limit leaves at once.
 *
 * <p>A tenth of the window is kept spare: a call reaches TE a little after it leaves here, and not all take as
 * long, so two calls a window apart here may arrive a little less than a window apart there.
 */
final class Pace {

    private final int limit;
    private final long windowNanos;
    private final long[] starts;
    private int oldest;

    Pace(int limit, long windowMillis) {
        this.limit = limit;
        this.windowNanos = windowMillis * 1_000_000L * 11 / 10;
        this.starts = new long[limit];
        Arrays.fill(starts, System.nanoTime() - windowNanos);
    }

    int limit() {
        return limit;
    }

    /**
     * The turn of the next call (a {@link System#nanoTime} instant, now or later), taken if it comes no later
     * than {@code latestStart}; empty (and nothing taken) otherwise.
     */
    synchronized OptionalLong take(long now, long latestStart) {
        long turn = Math.max(now, starts[oldest] + windowNanos);
        if (turn > latestStart) {
            return OptionalLong.empty();
        }
        starts[oldest] = turn;
        oldest = (oldest + 1) % limit;
        return OptionalLong.of(turn);
    }

    /** Whether the next call's turn would come no later than {@code latestStart}; nothing taken. */
    synchronized boolean hasTurn(long now, long latestStart) {
        return Math.max(now, starts[oldest] + windowNanos) <= latestStart;
    }

    /** Seconds until a turn taken now would come (at least 1): the Retry-After of a call refused its turn. */
    synchronized long secondsToNextTurn(long now) {
        long wait = Math.max(0, starts[oldest] + windowNanos - now);
        return Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
    }
}
