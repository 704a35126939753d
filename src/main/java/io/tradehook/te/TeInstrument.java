package io.tradehook.te;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of an account's instrument list, reduced to what identifies it. The list's shape is the
 * installation's Swagger; the field names read here are those TE's webhook page uses for the same facts.
 */
record TeInstrument(long tradableInstrumentId, String name, String type, String contractMonth,
                    BigDecimal strikePrice, String strikeType, String isin) {

    static TeInstrument of(JsonNode item) {
        return new TeInstrument(item.path("tradableInstrumentId").asLong(0), text(item, "name"), text(item, "type"),
                text(item, "contractMonth"),
                decimal(item.path("strikePrice")),
                text(item, "strikeType"), text(item, "isin"));
    }

    /**
     * The order names this instrument: same symbol (an {@code EXCHANGE:} prefix, as TradingView's
     * {@code {{exchange}}:{{ticker}}} gives, is ignored), and each of symbolType, contractMonth, strike and ISIN
     * the order sends agrees.
     */
    boolean matches(JsonNode order) {
        String symbol = order.path("symbol").asText();
        if (!symbol.equalsIgnoreCase(name) && !bareTicker(symbol).equalsIgnoreCase(name)) {
            return false;
        }
        return agrees(order, "symbolType", type)
                && agrees(order, "strikeType", strikeType)
                && agrees(order, "isin", isin)
                && sameDelivery(order.path("contractMonth").asText(null))
                && sameStrike(order.path("strikePrice"));
    }

    private static boolean agrees(JsonNode order, String field, String value) {
        return !order.hasNonNull(field) || order.path(field).asText().equalsIgnoreCase(value);
    }

    /** 2026-12 and 202612 name a month; a full date on one side matches its month on the other. */
    private boolean sameDelivery(String wanted) {
        if (wanted == null) {
            return true;
        }
        if (contractMonth == null) {
            return false;
        }
        String a = wanted.replace("-", "");
        String b = contractMonth.replace("-", "");
        return a.startsWith(b) || b.startsWith(a);
    }

    private boolean sameStrike(JsonNode wanted) {
        if (wanted.isMissingNode() || wanted.isNull()) {
            return true;
        }
        return strikePrice != null && strikePrice.compareTo(wanted.decimalValue()) == 0;
    }

    private static String bareTicker(String symbol) {
        int colon = symbol.indexOf(':');
        return colon < 0 ? symbol : symbol.substring(colon + 1);
    }

    private static BigDecimal decimal(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return value.isTextual() ? new BigDecimal(value.asText().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
