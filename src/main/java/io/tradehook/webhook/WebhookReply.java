package io.tradehook.webhook;

import java.sql.SQLException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.tradehook.common.Outcome;
import io.tradehook.common.Envelope;
import io.tradehook.common.Json;
import io.tradehook.common.Rejection;
import io.tradehook.common.BrokerFailure;

/** Writes the envelope answer and notes the {@link Outcome} for the request record. */
public final class WebhookReply {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookReply.class);

    /** The broker's answer (the body) becomes {@code d}. */
    public void ok(Exchange exchange) {
        JsonNode data = exchange.getMessage().getBody(JsonNode.class);
        String orderId = data == null ? null : data.path("orderId").asText(null);
        write(exchange, new Outcome(200, Outcome.OK, null, orderId), Envelope.ok(data));
    }

    /** A test alert that passed every check: {@code d} holds the order as the broker would have received it. */
    public void dryRun(@Body ObjectNode order, Exchange exchange) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("dryRun", true);
        data.set("order", order);
        write(exchange, new Outcome(200, Outcome.DRY_RUN, null, requestedOrderId(exchange)), Envelope.ok(data));
    }

    /** A {@link Rejection}: its status and message, as they are. */
    public void rejected(Exchange exchange) {
        Rejection rejection = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Rejection.class);
        write(exchange, new Outcome(rejection.status(), Outcome.REJECTED, rejection.getMessage(), requestedOrderId(exchange)),
                Envelope.error(rejection.getMessage()));
        if (rejection.retryAfterSeconds() > 0) {
            exchange.getMessage().setHeader("Retry-After", rejection.retryAfterSeconds());
        }
    }

    /** PostgreSQL unreachable or failing: a retryable 503; the details go to the log only. */
    public void databaseUnavailable(Exchange exchange) {
        SQLException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, SQLException.class);
        LOG.warn("Database unavailable while handling a webhook: {} (SQLState {})", e.getMessage(), e.getSQLState());
        failed(exchange, 503, "service temporarily unavailable: retry later");
    }

    /** A paper order whose write could not be committed with the request record: it was not placed (503). */
    static void orderNotPlaced(Exchange exchange, SQLException e) {
        LOG.warn("Order not committed: {} (SQLState {})", e.getMessage(), e.getSQLState());
        failed(exchange, 503, "service temporarily unavailable: the order was not placed; retry later");
    }

    /** The broker unreachable, too slow or unusable: its status and message; the outcome may be unknown. */
    public void brokerFailed(Exchange exchange) {
        BrokerFailure failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, BrokerFailure.class);
        String result = failure.outcomeUnknown() ? Outcome.UNKNOWN : Outcome.FAILED;
        write(exchange, new Outcome(failure.status(), result, failure.getMessage(), null),
                Envelope.error(failure.getMessage()));
        if (failure.retryAfterSeconds() > 0) {
            exchange.getMessage().setHeader("Retry-After", failure.retryAfterSeconds());
        }
    }

    /** Anything unforeseen: logged with its stack trace here, a plain 500 envelope for the sender. */
    public void internalError(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.error("Unexpected failure while handling a webhook", e);
        failed(exchange, 500, "internal error");
    }

    private static void failed(Exchange exchange, int status, String errmsg) {
        write(exchange, new Outcome(status, Outcome.FAILED, errmsg, requestedOrderId(exchange)), Envelope.error(errmsg));
    }

    /** The order a validated modify or cancel named (null before validation, and for place). */
    private static String requestedOrderId(Exchange exchange) {
        return exchange.getVariable(RequestLog.ORDER_ID, String.class);
    }

    private static void write(Exchange exchange, Outcome outcome, Envelope envelope) {
        exchange.setVariable(RequestLog.OUTCOME, outcome);
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, outcome.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(httpBody(Json.bytes(envelope)));
    }

    /**
     * An answer's JSON as the HTTP body. platform-http writes a Vert.x buffer as it is, whereas it streams a
     * {@code byte[]} through an InputStream with about 40 KB of buffers of its own per answer, held until the answer
     * is written: 40 MB of heap with 1,000 connections waiting for theirs.
     */
    public static Buffer httpBody(byte[] json) {
        return Buffer.buffer(json);
    }
}
