package io.tradehook.webhook;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns what alert tools send into the canonical order the schemas describe: enum values in any case and common
 * spellings ({@code BUY}, {@code Stop limit}, {@code stop_limit}, {@code STOPLIMIT}) become one spelling, numbers
 * sent as strings ({@code "qty":"5"}) become numbers. A value it cannot read is left as it is, for the schema to
 * name.
 */
public final class OrderNormalizer {

    /** Canonical values per enum field, as they go to the broker and come back in the answer. */
    static final Map<String, List<String>> ENUMS = Map.of(
            "side", List.of("buy", "sell"),
            "type", List.of("market", "stop", "limit", "stop limit", "trailing stop", "care"),
            "symbolType", List.of("CRYPTO", "EQUITY", "EQUITY_CFD", "ETF", "FIXED_INCOME", "FOREX", "FUTURES",
                    "FUTURES_CFD", "OPTIONS", "SPREADBET"),
            "strikeType", List.of("put", "call"),
            "validity", List.of("DAY", "GTC", "IOC", "GTD", "FOK", "GTS"),
            "stopLossType", List.of("absolute", "offset in ticks", "tr. offset", "offset in %"),
            "takeProfitType", List.of("absolute", "offset in ticks", "offset in %"));

    static final Set<String> NUMBERS = Set.of("strikePrice", "price", "stopPrice", "qty", "cashOrderQty",
            "expireDate", "stopLoss", "takeProfit", "trStopOffset", "orderId");

    /** A plain decimal: no NaN, no Infinity, no hex, no thousands separators. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,24}(\\.\\d{1,16})?([eE][+-]?\\d{1,3})?");

    /** What {@link #squash} drops; compiled once ({@code String.replaceAll} would compile it on every call). */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_.\\-]");

    private static final Map<String, Map<String, String>> LOOKUP = ENUMS.entrySet().stream().collect(Collectors.toMap(
            Map.Entry::getKey,
            e -> e.getValue().stream().collect(Collectors.toMap(OrderNormalizer::squash, Function.identity()))));

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Returns a normalised copy; the input is left untouched. */
    public ObjectNode normalize(ObjectNode order) {
        ObjectNode out = order.deepCopy();
        order.fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (!value.isTextual()) {
                return;
            }
            Map<String, String> spellings = LOOKUP.get(name);
            if (spellings != null) {
                String canonical = spellings.get(squash(value.asText()));
                if (canonical != null) {
                    out.put(name, canonical);
                }
            } else if (NUMBERS.contains(name)) {
                String text = value.asText().trim();
                if (DECIMAL.matcher(text).matches()) {
                    out.set(name, number(new BigDecimal(text)));
                }
            } else if (name.equals("symbol")) {
                out.put(name, value.asText().trim().toUpperCase(Locale.ROOT));
            }
        });
        return out;
    }

    /** Integral values become integers ({@code "5"} → {@code 5}), others keep their exact decimal digits. */
    private static JsonNode number(BigDecimal value) {
        if (value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0) {
            try {
                return NODES.numberNode(value.longValueExact());
            } catch (ArithmeticException tooLarge) {
                return NODES.numberNode(value);
            }
        }
        return NODES.numberNode(value);
    }

    /** Lower case without spaces, underscores, hyphens or dots: {@code "Stop_Limit"} and {@code "stop limit"} meet. */
    static String squash(String value) {
        return SEPARATORS.matcher(value.toLowerCase(Locale.ROOT)).replaceAll("");
    }
}
