package io.tradehook.te;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tradehook.common.Settings;

/**
 * How TE spells our canonical enum values on the wire. The guide's prose does not settle it ({@code Limit} or
 * {@code limit}, {@code Stop limit} or {@code stopLimit}), so each enum field has one property
 * {@code tradehook.te.wire.<field>} of {@code canonical=Wire} pairs, comma separated; a value not listed goes as
 * it is.
 */
final class WireSpelling {

    /** Enum field → the kebab-case suffix of its property. */
    static final Map<String, String> FIELDS = Map.of(
            "side", "side",
            "type", "type",
            "validity", "validity",
            "stopLossType", "stop-loss-type",
            "takeProfitType", "take-profit-type");

    private final Map<String, Map<String, String>> byField;

    WireSpelling(Map<String, String> specsByField) {
        Map<String, Map<String, String>> parsed = new HashMap<>();
        specsByField.forEach((field, spec) -> parsed.put(field, parse(field, spec)));
        this.byField = Map.copyOf(parsed);
    }

    static WireSpelling of(Settings settings) {
        Map<String, String> specs = new HashMap<>();
        FIELDS.forEach((field, suffix) -> settings.get("tradehook.te.wire." + suffix)
                .ifPresent(spec -> specs.put(field, spec)));
        return new WireSpelling(specs);
    }

    boolean isEnum(String field) {
        return FIELDS.containsKey(field);
    }

    String wire(String field, String canonical) {
        return byField.getOrDefault(field, Map.of()).getOrDefault(canonical, canonical);
    }

    private static Map<String, String> parse(String field, String spec) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : List.of(spec.split(","))) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalStateException("tradehook.te.wire." + FIELDS.get(field)
                        + ": expected canonical=Wire pairs separated by commas");
            }
            pairs.put(parts[0].strip(), parts[1].strip());
        }
        return pairs;
    }
}
