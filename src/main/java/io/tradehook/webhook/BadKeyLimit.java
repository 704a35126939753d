package io.tradehook.webhook;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Webhook requests with a key the database does not know (or none at all), counted per source address in fixed
 * windows on each instance. Someone's key with a wrong secret, deleted or expired is not counted: an alert still
 * sent with a deleted key from TradingView's few addresses must not shut them for everyone. Past {@code limit} in a window, an address's requests are answered 429 unless their key is already
 * in memory: a prober cannot make every guess cost a database query, while a trader sharing the address (a NAT, a
 * proxy) keeps trading with a key in use. The per-key rate limit cannot do this: it counts after authentication.
 */
public final class BadKeyLimit {

    /** Enough for the addresses of a busy minute; beyond it the oldest counts go (they start again from zero). */
    private static final long MAX_ADDRESSES = 100_000;

    private static final class Window {
        long start;
        int count;
    }

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final Cache<String, Window> windows;

    /** {@code limit} 0: off. */
    public BadKeyLimit(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.windowMillis = Math.max(1, window.toMillis());
        this.clock = clock;
        this.windows = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES).expireAfterAccess(window.multipliedBy(2)).build();
    }

    /** Seconds until the address may try unknown keys again; 0 when it may now. */
    long blockedFor(String address) {
        if (limit <= 0 || address == null) {
            return 0;
        }
        Window window = windows.getIfPresent(address);
        if (window == null) {
            return 0;
        }
        synchronized (window) {
            long now = clock.millis();
            if (now - window.start >= windowMillis || window.count < limit) {
                return 0;
            }
            return Math.max(1, (window.start + windowMillis - now + 999) / 1000);
        }
    }

    /** One more request with an unknown key from this address. */
    void count(String address) {
        if (limit <= 0 || address == null) {
            return;
        }
        Window window = windows.get(address, a -> new Window());
        synchronized (window) {
            long now = clock.millis();
            if (now - window.start >= windowMillis) {
                window.start = now;
                window.count = 0;
            }
            window.count++;
        }
    }

    String message() {
        return "too many requests with invalid webhook keys from this address: at most " + limit + " per "
                + Duration.ofMillis(windowMillis).toSeconds() + " s";
    }
}
