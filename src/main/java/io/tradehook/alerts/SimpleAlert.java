package io.tradehook.alerts;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.common.Json;
import io.tradehook.common.Rejection;
import org.apache.camel.Body;

/**
 * A second alert format, the one many TradingView strategies send: {@code {"ticker":"BTCUSDT","action":"buy",
 * "contracts":1,"account":"demo"}} with optional {@code price} (a limit order; without it, a market order) and
 * {@code symbolType}, {@code timestamp} and {@code requestId}. Turned into our place order, which then goes through
 * the same order pipeline as any other.
 * Used by the recipe {@code recipes/simple-alert.camel.yaml}.
 */
public final class SimpleAlert {

    public ObjectNode toOrder(@Body byte[] body) {
        JsonNode alert = read(body);
        String side = text(alert, "action").toLowerCase(Locale.ROOT);
        if (!side.equals("buy") && !side.equals("sell")) {
            throw Rejection.badRequest("simple alert: action must be buy or sell");
        }
        ObjectNode order = Json.MAPPER.createObjectNode()
                .put("action", "place")
                .put("accountName", text(alert, "account"))
                .put("symbol", text(alert, "ticker"))
                .put("side", side)
                .put("type", alert.has("price") ? "limit" : "market");
        order.set("qty", required(alert, "contracts"));
        copy(alert, "price", order, "price");
        copy(alert, "symbolType", order, "symbolType");
        // what resend safety and the stale-signal guard read, as on /webhook/
        copy(alert, "timestamp", order, "timestamp");
        copy(alert, "requestId", order, "requestId");
        return order;
    }

    private static JsonNode read(byte[] body) {
        try {
            JsonNode alert = body == null || body.length == 0 ? null : Json.STRICT.readTree(body);
            if (alert == null || !alert.isObject()) {
                throw Rejection.badRequest("simple alert: body must be a JSON object");
            }
            return alert;
        } catch (IOException e) {
            throw Rejection.badRequest("simple alert: body is not valid JSON");
        }
    }

    private static JsonNode required(JsonNode alert, String field) {
        JsonNode value = alert.get(field);
        if (value == null || value.isNull()) {
            throw Rejection.badRequest("simple alert: " + field + " is required");
        }
        return value;
    }

    private static String text(JsonNode alert, String field) {
        JsonNode value = required(alert, field);
        if (!value.isTextual()) {
            throw Rejection.badRequest("simple alert: " + field + " must be a string");
        }
        return value.asText();
    }

    private static void copy(JsonNode alert, String from, ObjectNode order, String to) {
        if (alert.has(from)) {
            order.set(to, alert.get(from));
        }
    }
}
