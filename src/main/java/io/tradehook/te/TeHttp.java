package io.tradehook.te;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tradehook.webhook.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads TE's HTTP answer inside the circuit breaker. A 5xx, or a 2xx whose body is not a JSON object, is a broker
 * failure and is thrown so the breaker counts it; any other status is an answer for the caller to judge.
 */
final class TeHttp {

    public TeAnswer read(Exchange exchange) {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 500) {
            throw new TeServerError("HTTP " + status);
        }
        JsonNode body = parse(message.getBody(byte[].class));
        if (body == null || !body.isObject()) {
            if (status / 100 == 2) {
                throw new TeServerError("HTTP " + status + " with a body that is not a JSON object");
            }
            body = JsonNodeFactory.instance.objectNode();
        }
        return new TeAnswer(status, body);
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
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
