package io.tradehook.te;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.tradehook.webhook.BrokerFailure;
import io.tradehook.webhook.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one {@link TeCall} through the {@code te-call} route on an exchange of its own, so nothing of the webhook
 * request (headers, path, key) can reach TE: the exchange carries the method, path, query, body and Bearer token,
 * nothing else. A call starts only if it can finish inside the request's {@link Deadline}. Failures become
 * {@link BrokerFailure}s: 503 when nothing was sent, 504 or 502 when it was and the effect is unknown. Only calls
 * that cannot create or change anything are sent a second time, once, after a failure that is not a timeout.
 */
final class TeClient {

    static final String UNAVAILABLE = "broker unavailable: retry later";
    static final String BREAKER_OPEN = "broker unavailable after repeated failures: retry later";
    static final String TOO_SLOW = "broker too slow to answer in time: nothing was sent, retry later";
    static final String TIMED_OUT = "broker did not answer in time: retry later";
    static final String FAILED = "broker failed to process the request: retry later";
    static final String OUTCOME_UNKNOWN = "broker did not confirm the request in time: it may have been carried out"
            + " - check your orders at the broker before sending it again";

    private static final Logger LOG = LoggerFactory.getLogger(TeClient.class);
    private static final String ENDPOINT = "direct:te-call";

    private final ProducerTemplate template;
    private final long callTimeoutMs;

    TeClient(ProducerTemplate template, long callTimeoutMs) {
        this.template = template;
        this.callTimeoutMs = callTimeoutMs;
    }

    /** {@code bearer} may be null (sign-in). */
    TeAnswer send(TeCall call, String bearer, Deadline deadline) {
        int tries = call.safeToRepeat() ? 2 : 1;
        for (int attempt = 1; ; attempt++) {
            if (deadline.remainingMillis() < callTimeoutMs) {
                LOG.warn("TE call {} {} not sent: {} ms left of the request's budget, a call may take {} ms",
                        call.method(), call.path(), deadline.remainingMillis(), callTimeoutMs);
                throw new BrokerFailure(504, TOO_SLOW, false);
            }
            Exchange result = template.send(ENDPOINT, exchange -> prepare(exchange.getMessage(), call, bearer));
            Throwable failure = result.getException();
            if (failure == null) {
                return result.getMessage().getBody(TeAnswer.class);
            }
            Failure kind = classify(failure);
            LOG.warn("TE call {} {} failed ({}, try {}/{}): {}", call.method(), call.path(), kind, attempt, tries,
                    rootCause(failure).getClass().getSimpleName());
            if (attempt >= tries || kind == Failure.CIRCUIT_OPEN || kind == Failure.TIMEOUT) {
                throw kind.toBrokerFailure(call.safeToRepeat());
            }
        }
    }

    private static void prepare(Message message, TeCall call, String bearer) {
        message.setHeader(Exchange.HTTP_METHOD, call.method());
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
