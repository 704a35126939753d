package io.tradehook.te;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.tradehook.common.BrokerFailure;
import io.tradehook.common.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpMethods;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one {@link TeCall} through the {@code te-call} route on an exchange of its own, so nothing of the webhook
 * request (headers, path, key) can reach TE: the exchange carries the method, path, query, body and Bearer token,
 * nothing else. At most {@code tradehook.te.connections} calls are at TE at once; the others wait for one to end,
 * in their order of arrival, holding no thread (the route runs on a virtual thread). A call starts only if it can
 * still finish inside the request's {@link Deadline}: one that cannot (TE slow, or too many ahead of it) is
 * refused with 503 and Retry-After, nothing sent. Failures become {@link BrokerFailure}s: 503 when nothing was
 * sent (TE's own 429 included), 504 or 502 when it was and the effect is unknown. Only calls that cannot create or
 * change anything are sent a second time, once, after a failure that is not a timeout.
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
    private static final String ENDPOINT = "direct:te-call";

    private final ProducerTemplate template;
    private final long callTimeoutMs;
    private final Semaphore connections;

    TeClient(ProducerTemplate template, long callTimeoutMs, int connections) {
        this.template = template;
        this.callTimeoutMs = callTimeoutMs;
        this.connections = new Semaphore(connections, true);
    }

    /** 503: nothing was sent, and the sender may try again in {@code retryAfterSeconds}. */
    static BrokerFailure busy(long retryAfterSeconds) {
        return new BrokerFailure(503, BUSY, false, Math.max(1, retryAfterSeconds));
    }

    long callTimeoutMs() {
        return callTimeoutMs;
    }

    /** {@code bearer} may be null (sign-in). */
    TeAnswer send(TeCall call, String bearer, Deadline deadline) {
        int tries = call.safeToRepeat() ? 2 : 1;
        for (int attempt = 1; ; attempt++) {
            Exchange result = sendWithConnection(call, bearer, deadline);
            Throwable failure = result.getException();
            if (failure == null) {
                TeAnswer answer = result.getMessage().getBody(TeAnswer.class);
                if (answer.tooManyRequests()) {
                    LOG.warn("TE refused {} {} for its request limits (HTTP 429)", call.method(), call.path());
                    throw busy(answer.retryAfterSeconds());
                }
                return answer;
            }
            Failure kind = classify(failure);
            LOG.warn("TE call {} {} failed ({}, try {}/{}): {}", call.method(), call.path(), kind, attempt, tries,
                    rootCause(failure).getClass().getSimpleName());
            if (attempt >= tries || kind == Failure.CIRCUIT_OPEN || kind == Failure.TIMEOUT) {
                throw kind.toBrokerFailure(call.safeToRepeat());
            }
        }
    }

    /** Waits, in order of arrival, for a connection that can still finish the call within the deadline. */
    private Exchange sendWithConnection(TeCall call, String bearer, Deadline deadline) {
        long wait = deadline.remainingMillis() - callTimeoutMs;
        boolean connected;
        try {
            connected = wait >= 0 && connections.tryAcquire(wait, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connected = false;
        }
        if (!connected) {
            LOG.warn("TE call {} {} not sent: no connection free within the request's budget", call.method(), call.path());
            throw busy(1);
        }
        try {
            return template.send(ENDPOINT, exchange -> prepare(exchange.getMessage(), call, bearer));
        } finally {
            connections.release();
        }
    }

    private static void prepare(Message message, TeCall call, String bearer) {
        // as camel-http's enum: a String is converted on every call by a type-converter search (16 % of the gateway's
        // CPU on the TE place path in a profile)
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(call.method()));
        message.setHeader(Exchange.HTTP_PATH, call.path());
        if (call.query() != null) {
            message.setHeader(Exchange.HTTP_QUERY, call.query());
        }
        message.setHeader("Accept", "application/json");
        if (bearer != null) {
            message.setHeader("Authorization", "Bearer " + bearer);
        }
        if (call.body() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(Json.bytes(call.body()));
        }
    }

    /** How a call failed, judged by the first telling exception in the cause chain. */
    enum Failure {
        /** The breaker refused the call: nothing was sent. */
        CIRCUIT_OPEN,
        /** No connection was made (or none was free in the pool in time): nothing was sent. */
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
            if (t instanceof ConnectTimeoutException || t instanceof ConnectException
                    || t instanceof ConnectionRequestTimeoutException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return Failure.NOT_CONNECTED;
            }
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
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
