package io.tradehook.support;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Webhook bodies for tests, built with Jackson: a valid order of each action, changed one field at a time.
 * {@code with(field, value)} sets any JSON value (strings, numbers, booleans, null, maps, lists).
 */
public final class OrderJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ObjectNode node;

    private OrderJson(ObjectNode node) {
        this.node = node;
    }

    public static OrderJson of(Map<String, ?> fields) {
        return new OrderJson(MAPPER.valueToTree(fields));
    }

    /** The spec's place example: a Limit buy of 5 ABC at 34. */
    public static OrderJson limitOrder(String accountName) {
        return of(Map.of("action", "place", "accountName", accountName, "symbol", "ABC", "symbolType", "CRYPTO",
                "type", "Limit", "qty", 5, "side", "buy", "price", 34));
    }

    public static OrderJson marketOrder(String accountName) {
        return of(Map.of("action", "place", "accountName", accountName, "symbol", "ABC", "type", "Market", "qty", 1,
                "side", "sell"));
    }

    public static OrderJson modify(String accountName, Object orderId) {
        return of(Map.of("action", "modify", "accountName", accountName, "orderId", orderId));
    }

    public static OrderJson cancel(String accountName, Object orderId) {
        return of(Map.of("action", "cancel", "accountName", accountName, "orderId", orderId));
    }

    public OrderJson with(String field, Object value) {
        ObjectNode copy = node.deepCopy();
        copy.set(field, MAPPER.valueToTree(value));
        return new OrderJson(copy);
    }

    public OrderJson without(String... fields) {
        ObjectNode copy = node.deepCopy();
        copy.remove(List.of(fields));
        return new OrderJson(copy);
    }

    public JsonNode tree() {
        return node.deepCopy();
    }

    public String json() {
        return node.toString();
    }

    @Override
    public String toString() {
        return json();
    }
}
