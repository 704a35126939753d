package io.tradehook.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tradehook.common.Rejection;

/**
 * At most {@code limit} webhook requests per user (all their keys together) per {@code window}, beside the per-key
 * limit: a user's many keys do not multiply their budget. Counted in memory on each instance, on fixed windows aligned
 * to the epoch, so with n instances behind a balancer a user gets at most n times the limit; the per-key limit, counted
 * in PostgreSQL, stays the exact one. Counted after authentication: a bad key cannot spend someone's budget. A limit
 * of 0 turns it off.
 */
public final class UserRateLimit {

    /** One user's count in the window that starts at {@code windowStart}, packed: start in the high half. */
    private final Cache<Long, AtomicLong> counts;
    private final int limit;
    private final long windowMillis;
    private final Clock clock;

    public UserRateLimit(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.windowMillis = Math.max(1, window.toMillis());
        this.clock = clock;
        this.counts = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(window.multipliedBy(2)).build();
    }

    /** Counts one request of the user; a 429 naming the limit when it is one too many. */
    public void hit(long userId) {
        if (limit <= 0) {
            return;
        }
        long now = clock.millis();
        long windowStart = now - Math.floorMod(now, windowMillis);
        AtomicLong count = counts.get(userId, id -> new AtomicLong());
        long hits = count.updateAndGet(packed -> (packed >>> 32) == windowIndex(windowStart)
                ? packed + 1 : (windowIndex(windowStart) << 32) | 1);
        if ((hits & 0xFFFF_FFFFL) > limit) {
            long retryAfter = Math.max(1, (windowStart + windowMillis - now + 999) / 1000);
            throw Rejection.tooManyRequests("rate limit exceeded: at most " + limit + " requests per "
                    + Duration.ofMillis(windowMillis).toSeconds() + " s for all keys of this user; retry in "
                    + retryAfter + " s", retryAfter);
        }
    }

    private long windowIndex(long windowStart) {
        return (windowStart / windowMillis) & 0xFFFF_FFFFL;
    }
}
