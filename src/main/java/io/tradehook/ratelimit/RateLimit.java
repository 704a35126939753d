package io.tradehook.ratelimit;

import java.time.Duration;
import java.util.Optional;

import io.tradehook.common.Rejection;

/**
 * At most {@code tradehook.ratelimit.limit} requests per key per {@code tradehook.ratelimit.window}, counted in
 * PostgreSQL so every instance counts the same requests, on a fixed window aligned to the epoch (the count is kept
 * in {@code webhook_rate} by the admission step). Refused requests count too, so hammering a key does not get more
 * through. A limit of 0 turns rate limiting off.
 */
public record RateLimit(int limit, Duration window) {

    public boolean enabled() {
        return limit > 0;
    }

    /** The 429 for a request that made its key's count {@code hits} in the current window, if that is too many. */
    public Optional<Rejection> exceededBy(int hits, long retryAfterSeconds) {
        if (!enabled() || hits <= limit) {
            return Optional.empty();
        }
        return Optional.of(Rejection.tooManyRequests("rate limit exceeded: at most " + limit + " requests per "
                + describe(window) + " for this key; retry in " + Math.max(1, retryAfterSeconds) + " s", retryAfterSeconds));
    }

    private static String describe(Duration window) {
        long seconds = window.toSeconds();
        return seconds >= 60 && seconds % 60 == 0 ? (seconds / 60) + " min" : seconds + " s";
    }
}
