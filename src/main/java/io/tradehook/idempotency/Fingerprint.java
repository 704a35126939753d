package io.tradehook.idempotency;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.common.Sha256;
import io.tradehook.common.Json;

/**
 * What makes two webhook requests of one key "the same": the sender's {@code requestId} when it sent one, else the
 * normalised order itself (field order and spelling variants do not matter: {@code "BUY"} and {@code "buy"} are one
 * order). Each kind has its own window; a zero window turns that kind off.
 */
public record Fingerprint(String value, Duration window, boolean byRequestId) {

    /** The order as JSON with its fields sorted by name: the canonical form that is hashed. */
    private static final ObjectWriter CANONICAL = Json.MAPPER.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

    static Optional<Fingerprint> of(ObjectNode order, Duration requestIdWindow, Duration duplicateWindow) {
        JsonNode requestId = order.get("requestId");
        if (requestId != null && requestId.isTextual()) {
            return positive(requestIdWindow).map(w -> new Fingerprint("r:" + Sha256.hex(requestId.asText()), w, true));
        }
        return positive(duplicateWindow).map(w -> new Fingerprint("b:" + Sha256.hex(canonical(order)), w, false));
    }

    /** Orders are flat once validated; the text is the same as a sorted map of the fields would give. */
    private static String canonical(ObjectNode order) {
        try {
            return CANONICAL.writeValueAsString(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an order as JSON", e);
        }
    }

    private static Optional<Duration> positive(Duration window) {
        return window.isZero() || window.isNegative() ? Optional.empty() : Optional.of(window);
    }

}
