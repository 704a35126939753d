package io.tradehook.te;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tradehook.common.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads TE's HTTP answer inside the circuit breaker. A 5xx, or a 2xx whose body is neither empty nor a JSON object,
 * is a broker failure and is thrown so the breaker counts it; any other status is an answer for the caller to judge.
 * A 2xx without a body ({@code 204 No Content}, as a modify or cancel may be answered) is a bare {@code {"s":"ok"}}.
 */
final class TeHttp {

    private static final JsonNode BARE_OK = JsonNodeFactory.instance.objectNode().put("s", "ok");

    public TeAnswer read(Exchange exchange) {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 500) {
            throw new TeServerError("HTTP " + status);
        }
        byte[] bytes = message.getBody(byte[].class);
        JsonNode body;
        if (bytes == null || bytes.length == 0) {
            body = status / 100 == 2 ? BARE_OK : JsonNodeFactory.instance.objectNode();
        } else {
            body = parse(bytes);
            if (body == null || !body.isObject()) {
                if (status / 100 == 2) {
                    throw new TeServerError("HTTP " + status + " with a body that is not a JSON object");
                }
                body = JsonNodeFactory.instance.objectNode();
            }
        }
        return new TeAnswer(status, body, retryAfterSeconds(message.getHeader("Retry-After", String.class)));
    }

    /** Retry-After in seconds; an HTTP date or anything unreadable counts as not said. */
    private static long retryAfterSeconds(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /** TE failed (5xx) or answered nonsense: the call reached it, so its effect is unknown. */
    static final class TeServerError extends RuntimeException {
        TeServerError(String message) {
            super(message, null, false, false);
        }
    }
}
