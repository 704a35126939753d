package io.tradehook.symbols;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.common.Json;
import org.apache.camel.Body;

/**
 * Maps the symbols alert tools send to the broker's ({@code tradehook.symbols.file}): {@code BINANCE:BTCUSDT} to
 * {@code BTCUSDT}, {@code ES1!} to {@code ES} with its symbol type and contract month. An entry's symbol replaces the
 * order's; its other fields fill in what the order left out and never override what the alert sent. Without a
 * mapping file, orders pass unchanged.
 */
public final class SymbolMapper {

    private final Map<String, ObjectNode> entries;

    private SymbolMapper(Map<String, ObjectNode> entries) {
        this.entries = entries;
    }

    public static SymbolMapper none() {
        return new SymbolMapper(Map.of());
    }

    /**
     * Reads a JSON object of {@code "ALERT SYMBOL": {"symbol": "BROKER SYMBOL", ...more fields}}; a file that is
     * not that fails the start, naming the file and the entry.
     */
    public static SymbolMapper fromFile(Path file) {
        JsonNode root;
        try {
            root = Json.STRICT.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("symbol mapping " + file + " is not readable JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("symbol mapping " + file + " must be a JSON object of alert symbol to fields");
        }
        Map<String, ObjectNode> entries = new TreeMap<>();
        root.fields().forEachRemaining(entry -> {
            JsonNode fields = entry.getValue();
            if (!fields.isObject() || !fields.path("symbol").isTextual() || fields.path("symbol").asText().isBlank()) {
                throw new IllegalArgumentException("symbol mapping " + file + ": entry " + entry.getKey()
                        + " must be an object with a \"symbol\"");
            }
            entries.put(key(entry.getKey()), (ObjectNode) fields);
        });
        return new SymbolMapper(Map.copyOf(entries));
    }

    /** The order with its symbol mapped; orders without a symbol (modify, cancel) or with an unmapped one are unchanged. */
    public ObjectNode map(@Body ObjectNode order) {
        JsonNode symbol = order.get("symbol");
        ObjectNode mapped = symbol != null && symbol.isTextual() ? entries.get(key(symbol.asText())) : null;
        if (mapped == null) {
            return order;
        }
        mapped.fields().forEachRemaining(field -> {
            if (field.getKey().equals("symbol") || !order.has(field.getKey())) {
                order.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return order;
    }

    private static String key(String symbol) {
        return symbol.trim().toUpperCase(Locale.ROOT);
    }
}
