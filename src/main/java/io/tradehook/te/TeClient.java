package io.tradehook.te;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.tradehook.common.BrokerFailure;
import io.tradehook.common.SummedWarning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one {@link TeCall} to TE ({@link TeHttp}) behind a circuit breaker. At most {@code tradehook.te.connections}
 * calls are at TE at once; the others wait for one to end, in their order of arrival, holding no thread (they run on
 * virtual threads). A call starts only if it can still finish inside the request's {@link Deadline}: one that cannot
 * (TE slow, or too many ahead of it) is refused with 503 and Retry-After, nothing sent. Failures become
 * {@link BrokerFailure}s: 503 when nothing was sent (TE's own 429 included), 504 or 502 when it was and the effect is
 * unknown. Only calls that cannot create or change anything are sent a second time, once, after a failure that is
 * not a timeout.
 *
 * <p>The breaker ({@code tradehook.te.breaker.*}) opens when that share of the last calls failed (5xx, unreadable, no
 * connection, timeout) and then refuses calls at once (503) for a while, before it lets a few through to probe.
 */
final class TeClient {

    static final String UNAVAILABLE = "broker unavailable: retry later";
    static final String BREAKER_OPEN = "broker unavailable after repeated failures: retry later";
    static final String BUSY = "broker busy: nothing was sent, retry later";
    static final String TIMED_OUT = "broker did not answer in time: retry later";
    static final String FAILED = "broker failed to process the request: retry later";
    static final String OUTCOME_UNKNOWN = "broker did not confirm the request in time: it may have been carried out"
            + " - check your orders at the broker before sending it again";

    private static final Logger LOG = LoggerFactory.getLogger(TeClient.class);

    private final SummedWarning refusedForLimits = new SummedWarning(LOG, "TE refused calls for its request limits (HTTP 429)");
    private final SummedWarning circuitOpen = new SummedWarning(LOG,
            "TE calls refused at once: the circuit breaker is open after repeated failures");
    private final SummedWarning noConnection = new SummedWarning(LOG,
            "TE calls not sent: no connection free within the request's budget");
    private final SummedWarning tooLate = new SummedWarning(LOG,
            "TE calls not sent: requests waited in the gateway until no call could end within their budget");

    private final TeHttp http;
    private final CircuitBreaker breaker;
    private final long callTimeoutMs;
    private final Semaphore connections;

    TeClient(TeHttp http, TeSettings.Breaker breaker, long callTimeoutMs, int connections) {
        this.http = http;
        this.breaker = CircuitBreaker.of("te", CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRate())
                .slidingWindowSize(breaker.window())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .waitDurationInOpenState(Duration.ofSeconds(breaker.openSeconds()))
                .permittedNumberOfCallsInHalfOpenState(breaker.probeCalls())
                .build());
        this.callTimeoutMs = callTimeoutMs;
        this.connections = new Semaphore(connections, true);
    }

    /** 503: nothing was sent, and the sender may try again in {@code retryAfterSeconds}. */
    static BrokerFailure busy(long retryAfterSeconds) {
        return new BrokerFailure(503, BUSY, false, Math.max(1, retryAfterSeconds));
    }

    /**
     * Refuses (503, nothing sent) a request that waited in the gateway until no call could end within its budget: the
     * wait for a connection would refuse it anyway, after its order was counted, claimed and recorded, and those writes
     * undone. Refused here, before admission, it costs none of them; its sender's resend places it.
     */
    void refuseIfTooLate(Deadline deadline) {
        if (deadline.millisLeftToStart(callTimeoutMs) < 0) {
            tooLate.happened();
            throw busy(1);
        }
    }

    /** {@code bearer} may be null (sign-in). */
    TeAnswer send(TeCall call, String bearer, Deadline deadline) {
        int tries = call.safeToRepeat() ? 2 : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                TeAnswer answer = sendWithConnection(call, bearer, deadline);
                if (answer.tooManyRequests()) {
                    refusedForLimits.happened();
                    throw busy(answer.retryAfterSeconds());
                }
                return answer;
            } catch (BrokerFailure busy) {
                throw busy;
            } catch (Exception failure) {
                if (failure instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                Failure kind = classify(failure);
                if (kind == Failure.CIRCUIT_OPEN) {
                    circuitOpen.happened();
                } else {
                    LOG.warn("TE call {} {} failed ({}, try {}/{}): {}", call.method(), call.path(), kind, attempt,
                            tries, rootCause(failure).getClass().getSimpleName());
                }
                if (attempt >= tries || kind == Failure.CIRCUIT_OPEN || kind == Failure.TIMEOUT) {
                    throw kind.toBrokerFailure(call.safeToRepeat());
                }
            }
        }
    }

    /** Waits, in order of arrival, for a connection that can still finish the call within the deadline. */
    private TeAnswer sendWithConnection(TeCall call, String bearer, Deadline deadline) throws Exception {
        long wait = deadline.millisLeftToStart(callTimeoutMs);
        if (wait < 0 || !connections.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
            noConnection.happened();
            throw busy(1);
        }
        try {
            return breaker.executeCallable(() -> http.exchange(call, bearer));
        } finally {
            connections.release();
        }
    }

    /** How a call failed, judged by the first telling exception in the cause chain. */
    enum Failure {
        /** The breaker refused the call: nothing was sent. */
        CIRCUIT_OPEN,
        /** No connection was made: nothing was sent. */
        NOT_CONNECTED,
        /** The time limit passed after the request may have left. */
        TIMEOUT,
        /** TE failed (5xx), answered nonsense, or the connection broke after the request left. */
        BROKEN;

        BrokerFailure toBrokerFailure(boolean safeToRepeat) {
            return switch (this) {
                case CIRCUIT_OPEN -> new BrokerFailure(503, BREAKER_OPEN, false);
                case NOT_CONNECTED -> new BrokerFailure(503, UNAVAILABLE, false);
                case TIMEOUT -> safeToRepeat ? new BrokerFailure(504, TIMED_OUT, false)
                        : new BrokerFailure(504, OUTCOME_UNKNOWN, true);
                case BROKEN -> safeToRepeat ? new BrokerFailure(502, FAILED, false)
                        : new BrokerFailure(502, OUTCOME_UNKNOWN, true);
            };
        }
    }

    static Failure classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CallNotPermittedException) {
                return Failure.CIRCUIT_OPEN;
            }
            // Netty's connect timeout is a ConnectException too
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return Failure.NOT_CONNECTED;
            }
            if (t instanceof TimeoutException || t instanceof InterruptedException) {
                return Failure.TIMEOUT;
            }
            if (t instanceof TeHttp.TeServerError || t instanceof IOException) {
                return Failure.BROKEN;
            }
        }
        return Failure.BROKEN;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
