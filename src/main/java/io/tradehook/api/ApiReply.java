package io.tradehook.api;

import java.sql.SQLException;

import io.tradehook.common.Envelope;
import io.tradehook.common.Json;
import io.tradehook.common.Rejection;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes management API answers: the result as plain JSON, failures as {@code {"s":"error","errmsg":"..."}}.
 * Every request header is dropped first: platform-http would echo them back.
 */
public final class ApiReply {

    private static final Logger LOG = LoggerFactory.getLogger(ApiReply.class);

    public void ok(Exchange exchange) {
        write(exchange, 200, exchange.getMessage().getBody());
    }

    public void created(Exchange exchange) {
        write(exchange, 201, exchange.getMessage().getBody());
    }

    public void noContent(Exchange exchange) {
        write(exchange, 204, null);
    }

    public void rejected(Exchange exchange) {
        Rejection rejection = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Rejection.class);
        write(exchange, rejection.status(), Envelope.error(rejection.getMessage()));
        if (rejection.retryAfterSeconds() > 0) {
            exchange.getMessage().setHeader("Retry-After", Long.toString(rejection.retryAfterSeconds()));
        }
    }

    public void databaseUnavailable(Exchange exchange) {
        SQLException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, SQLException.class);
        LOG.warn("Database unavailable while handling an API call: {} (SQLState {})", e.getMessage(), e.getSQLState());
        write(exchange, 503, Envelope.error("service temporarily unavailable: retry later"));
    }

    public void internalError(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.error("Unexpected failure while handling an API call", e);
        write(exchange, 500, Envelope.error("internal error"));
    }

    private static void write(Exchange exchange, int status, Object body) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        String setCookie = exchange.getVariable(SessionApi.SET_COOKIE, String.class);
        if (setCookie != null) {
            message.setHeader("Set-Cookie", setCookie);
        }
        if (body == null) {
            message.setBody(null);
        } else {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(Json.bytes(body));
        }
    }
}
