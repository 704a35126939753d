package io.tradehook.idempotency;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.Sha256;
import io.tradehook.webhook.Json;

/**
 * What makes two webhook requests of one key "the same": the sender's {@code requestId} when it sent one, else the
 * normalised order itself (field order and spelling variants do not matter: {@code "BUY"} and {@code "buy"} are one
 * order). Each kind has its own window; a zero window turns that kind off.
 */
record Fingerprint(String value, Duration window, boolean byRequestId) {

    static Optional<Fingerprint> of(ObjectNode order, Duration requestIdWindow, Duration duplicateWindow) {
        JsonNode requestId = order.get("requestId");
        if (requestId != null && requestId.isTextual()) {
            return positive(requestIdWindow).map(w -> new Fingerprint("r:" + Sha256.hex(requestId.asText()), w, true));
        }
        return positive(duplicateWindow).map(w -> new Fingerprint("b:" + Sha256.hex(canonical(order)), w, false));
    }

    /** The order as JSON with its fields sorted; orders are flat once validated. */
    private static String canonical(ObjectNode order) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        order.fields().forEachRemaining(field -> sorted.put(field.getKey(), field.getValue()));
        return Json.text(sorted);
    }

    private static Optional<Duration> positive(Duration window) {
        return window.isZero() || window.isNegative() ? Optional.empty() : Optional.of(window);
    }

}
