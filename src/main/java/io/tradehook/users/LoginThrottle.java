package io.tradehook.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tradehook.common.Sha256;

/**
 * Growing delays after wrong passwords, counted per login <em>from one address</em> and per address (any login).
 * Never per login alone: a stranger guessing from elsewhere must not be able to keep the owner out, so the owner's
 * own address always has its own count. After {@code free} failures in a row the next attempt waits
 * {@code firstDelay}; each further failure doubles that wait, up to {@code maxDelay}.
 *
 * <p>An attempt is counted as a failure when it is reserved, before its password is hashed, and forgiven when the
 * password turns out right: parallel guesses cannot all pass the check before the first failure is written. Kept in
 * memory on each instance; counts are forgotten after {@link #FORGET_AFTER} without attempts.
 */
public final class LoginThrottle {

    /** Why an attempt was refused before its password was checked. */
    public enum Reason { LOGIN, ADDRESS }

    /** An attempt that may not be made yet: retry in {@code retryAfter}. */
    public static final class Throttled extends RuntimeException {
        private final Reason reason;
        private final Duration retryAfter;

        Throttled(Reason reason, Duration retryAfter) {
            super("too many failed logins", null, false, false);
            this.reason = reason;
            this.retryAfter = retryAfter;
        }

        public Reason reason() {
            return reason;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** One reserved attempt: what to undo if it succeeds or is never made (the delays it set, and what was before). */
    record Reservation(Count pair, Instant pairBefore, Instant pairSet, Count address, Instant addressBefore,
                       Instant addressSet, boolean startsDelay) {
    }

    /** Failures in a row of one key, and the instant before which no attempt is allowed. */
    static final class Count {
        int failures;
        Instant notBefore = Instant.EPOCH;
    }

    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    /** Bounded: an attacker making up logins and addresses can only push the oldest counts out. */
    private static final long MAX_COUNTS = 200_000;

    private final int freePerLogin;
    private final int freePerAddress;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Clock clock;
    private final Cache<String, Count> counts;

    public LoginThrottle(int freePerLogin, int freePerAddress, Duration firstDelay, Duration maxDelay, Clock clock) {
        this.freePerLogin = freePerLogin;
        this.freePerAddress = freePerAddress;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.clock = clock;
        this.counts = Caffeine.newBuilder().maximumSize(MAX_COUNTS)
                .expireAfterAccess(FORGET_AFTER.plus(maxDelay)).build();
    }

    /** Reserves one attempt of {@code login} from {@code address}, counted as a failure until it succeeds. */
    synchronized Reservation reserve(String login, String address) {
        Instant now = clock.instant();
        String source = address == null ? "unknown" : address;
        // the login hashed: its length is the sender's choice, a count's key is not
        Count pair = counts.get("p:" + Sha256.hex(login) + "@" + source, key -> new Count());
        Count byAddress = counts.get("a:" + source, key -> new Count());
        if (byAddress.notBefore.isAfter(now)) {
            throw new Throttled(Reason.ADDRESS, Duration.between(now, byAddress.notBefore));
        }
        if (pair.notBefore.isAfter(now)) {
            throw new Throttled(Reason.LOGIN, Duration.between(now, pair.notBefore));
        }
        Instant pairBefore = pair.notBefore;
        Instant addressBefore = byAddress.notBefore;
        boolean startsDelay = pair.failures + 1 >= freePerLogin || byAddress.failures + 1 >= freePerAddress;
        count(pair, freePerLogin, now);
        count(byAddress, freePerAddress, now);
        return new Reservation(pair, pairBefore, pair.notBefore, byAddress, addressBefore, byAddress.notBefore,
                startsDelay);
    }

    /** The password was right: the login's count from this address starts again, the address's loses this try. */
    synchronized void succeeded(Reservation reservation) {
        reservation.pair.failures = 0;
        reservation.pair.notBefore = Instant.EPOCH;
        undo(reservation.address, reservation.addressBefore, reservation.addressSet);
    }

    /** The attempt was never made (no capacity, database down): as if it had not been reserved. */
    synchronized void cancel(Reservation reservation) {
        undo(reservation.pair, reservation.pairBefore, reservation.pairSet);
        undo(reservation.address, reservation.addressBefore, reservation.addressSet);
    }

    /** The wait a count of {@code failures} imposes when {@code free} cost nothing: doubling, capped. */
    Duration delay(int failures, int free) {
        if (failures < free) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - free, 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private void count(Count count, int free, Instant now) {
        count.failures++;
        Duration delay = delay(count.failures, free);
        if (!delay.isZero()) {
            count.notBefore = now.plus(delay);
        }
    }

    /** One failure less; the delay it set goes unless a later attempt has set another since. */
    private static void undo(Count count, Instant before, Instant set) {
        count.failures = Math.max(0, count.failures - 1);
        if (count.notBefore.equals(set)) {
            count.notBefore = before;
        }
    }
}
