package io.tradehook.te;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehook.common.BrokerFailure;
import io.tradehook.common.SummedWarning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request limits order calls are paced to. TE announces them in {@code GET /config} as {@code rateLimits[]}
 * entries {@code {rateLimitType, measure, intervalNum, limit}} (such as {@code PLACE_ORDER, SECONDS, 1, 500});
 * an order call whose route TE announces no limit for is paced to {@code tradehook.te.orders-per-second}, when
 * that is set. {@code /config} is read at start and refreshed with the other lists ({@link TeCached}); an
 * installation without it (or with no {@code rateLimits}) leaves the configured ceiling alone.
 */
final class TePacing {

    static final String PLACE = "PLACE_ORDER";
    static final String MODIFY = "MODIFY_ORDER";
    static final String CANCEL = "CANCEL_ORDER";

    /** What TE announced: limit and window per route name. */
    record Limit(int limit, long windowMillis) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(TePacing.class);

    private final TeApi api;
    private final TeCached<Map<String, Limit>> announced;
    private final Optional<Limit> ceiling;
    private final long callTimeoutMs;
    /** A route name's limit: the starts are remembered across reads of {@code /config} that announce the same. */
    private record PaceKey(String limitType, Limit limit) {
    }

    private final Map<PaceKey, Pace> paces = new ConcurrentHashMap<>();
    private final Map<String, SummedWarning> noTurn = new ConcurrentHashMap<>();

    TePacing(TeApi api, Duration ttl, int ordersPerSecond, long callTimeoutMs, Executor background) {
        this.api = api;
        this.callTimeoutMs = callTimeoutMs;
        this.announced = new TeCached<>("request limits", ttl, this::read, background);
        this.ceiling = ordersPerSecond > 0 ? Optional.of(new Limit(ordersPerSecond, 1000)) : Optional.empty();
    }

    /** The pace of calls of this route name, if they have one. */
    Optional<Pace> paceOf(String limitType, Deadline deadline) {
        Optional<Limit> limit = Optional.ofNullable(announced.get(deadline).get(limitType)).or(() -> ceiling);
        return limit.map(l -> paces.computeIfAbsent(new PaceKey(limitType, l), key -> new Pace(l.limit(), l.windowMillis())));
    }

    /** The route name TE announces a webhook action's request limit under. */
    static String limitTypeOf(String action) {
        return switch (action) {
            case "place" -> PLACE;
            case "modify" -> MODIFY;
            case "cancel" -> CANCEL;
            default -> throw new IllegalArgumentException("no TE request limit for the action " + action);
        };
    }

    /**
     * Refuses an order call whose turn could not come within the request's budget, as {@link #awaitTurn} would,
     * taking no turn: at a candle close past TE's limits most alerts are refused here, before any work of theirs.
     */
    void checkTurn(String limitType, Deadline deadline) {
        Optional<Pace> pace = paceOf(limitType, deadline);
        if (pace.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        if (!pace.get().hasTurn(now, latestStart(now, deadline))) {
            refuse(limitType, pace.get(), now);
        }
    }

    /**
     * Waits for the order call's turn. A call whose turn would come too late for it to finish within the request's
     * budget takes no turn and is refused: 503 with Retry-After, nothing sent, so that the sender's resend places it.
     */
    void awaitTurn(TeCall call, Deadline deadline) {
        Optional<Pace> pace = paceOf(call.limitType(), deadline);
        if (pace.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        OptionalLong turn = pace.get().take(now, latestStart(now, deadline));
        if (turn.isEmpty()) {
            refuse(call.limitType(), pace.get(), now);
        }
        for (long wait; (wait = turn.getAsLong() - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(this, wait);
        }
    }

    /** The last moment a call may start and still end, at its time limit, within the request's budget. */
    private long latestStart(long now, Deadline deadline) {
        return now + deadline.millisLeftToStart(callTimeoutMs) * 1_000_000L;
    }

    /** 503 with Retry-After: nothing sent, the sender may resend when a turn is free. */
    private void refuse(String limitType, Pace pace, long now) {
        noTurn.computeIfAbsent(limitType, type -> new SummedWarning(LOG,
                "TE " + type + " calls not sent: no turn within the request's budget under TE's request limits"))
                .happened();
        throw TeClient.busy(pace.secondsToNextTurn(now));
    }

    /** Reads the limits ahead of the first order. */
    void warmUp(Deadline deadline) {
        try {
            Map<String, Limit> limits = announced.get(deadline);
            LOG.info("TE request limits: {}{}", limits.isEmpty() ? "none announced" : limits,
                    ceiling.map(c -> "; orders without one at most " + c.limit() + "/s").orElse(""));
        } catch (RuntimeException e) {
            LOG.warn("TE request limits not read at startup ({}); orders will read them", e.getMessage());
        }
    }

    private Map<String, Limit> read(Deadline deadline) {
        TeAnswer answer;
        try {
            answer = api.call(TeCall.get("/config"), deadline);
        } catch (BrokerFailure e) {
            LOG.warn("TE request limits not read ({}): order calls paced to tradehook.te.orders-per-second only",
                    e.getMessage());
            return Map.of();
        }
        Map<String, Limit> limits = new HashMap<>();
        if (answer.ok()) {
            for (JsonNode entry : answer.data().path("rateLimits")) {
                limitOf(entry).ifPresent(limit -> limits.merge(entry.path("rateLimitType").asText(), limit,
                        (a, b) -> a.limit() * b.windowMillis() <= b.limit() * a.windowMillis() ? a : b));
            }
        }
        return Map.copyOf(limits);
    }

    /** One {@code rateLimits} entry; unreadable ones (an unknown measure, no positive limit) are skipped. */
    static Optional<Limit> limitOf(JsonNode entry) {
        long unitMillis = switch (entry.path("measure").asText("").toUpperCase()) {
            case "MILLISECONDS" -> 1;
            case "SECONDS" -> 1_000;
            case "MINUTES" -> 60_000;
            case "HOURS" -> 3_600_000;
            case "DAYS" -> 86_400_000;
            default -> 0;
        };
        long intervals = entry.path("intervalNum").canConvertToLong() ? Math.max(1, entry.path("intervalNum").asLong()) : 1;
        int limit = entry.path("limit").canConvertToInt() ? entry.path("limit").asInt() : 0;
        if (unitMillis == 0 || limit <= 0 || entry.path("rateLimitType").asText("").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Limit(limit, unitMillis * intervals));
    }
}
