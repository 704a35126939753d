package io.tradehook.webhook;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.common.Rejection;

/**
 * Reads an order's numbers exactly, before the schema sees them. The schema library and {@code asLong()} read a
 * decimal such as {@code 1.8446744073709551637E19} through {@code longValue()}, which wraps it modulo 2^64 to 21:
 * past every bound, and the cancel of order 21. And a number of a billion decimal places
 * ({@code 1e-1000000000}) passes a price's bounds but not PostgreSQL's numeric type, which the group commit then
 * learns at the cost of rerunning its group one request at a time. So: integer fields become exact
 * {@code long}s or are refused; any number with more than {@link #MAX_DECIMALS} decimal places or
 * {@link #MAX_INTEGER_DIGITS} integer digits is refused, naming the field.
 */
public final class ExactNumbers {

    /** Fields whose schema type is integer: they travel as exact longs. */
    static final Set<String> INTEGERS = Set.of("orderId", "expireDate", "timestamp");
    /**
     * Room for any double an alert tool prints (17 significant digits, {@code 1.2345678901234567E-12} has 28
     * decimals, {@code 0.30000000000000004} 17), and far below what would cost PostgreSQL or a JSON writer anything.
     */
    static final int MAX_DECIMALS = 32;
    /** A long's digits: nothing an order may carry is larger. */
    static final int MAX_INTEGER_DIGITS = 19;

    private ExactNumbers() {
    }

    /**
     * Replaces the integer fields' values with exact longs, in place; throws a 400 naming every field whose number is
     * out of range or too fine.
     */
    static void check(ObjectNode order, String action) {
        Map<String, String> problems = new TreeMap<>();
        order.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (!value.isNumber()) {
                return;
            }
            String name = field.getKey();
            // a JSON number is at most 40 characters (Json.STRICT): stripping its zeros costs little
            BigDecimal number = value.decimalValue().stripTrailingZeros();
            if (number.scale() > MAX_DECIMALS) {
                problems.put(name, "must have at most " + MAX_DECIMALS + " decimal places");
            } else if (number.precision() - number.scale() > MAX_INTEGER_DIGITS) {
                problems.put(name, "is out of range");
            } else if (INTEGERS.contains(name) && number.scale() <= 0) {
                try {
                    field.setValue(LongNode.valueOf(number.longValueExact()));
                } catch (ArithmeticException e) {
                    problems.put(name, "is out of range");
                }
            }
        });
        if (!problems.isEmpty()) {
            throw Rejection.badRequest("invalid " + action + " order: " + problems.entrySet().stream()
                    .map(e -> name(e.getKey()) + ": " + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
    }

    private static String name(String field) {
        return FieldNames.isIdentifier(field) ? field : FieldNames.quoted(field);
    }

    /**
     * The exact long an integer field holds; a 400 naming the field if it holds anything else (a fraction, a number
     * past a long). Brokers read ids with it rather than {@code asLong()}, which wraps and truncates silently.
     */
    public static long longValue(JsonNode order, String field) {
        JsonNode value = order.path(field);
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber() && value.canConvertToExactIntegral() && value.canConvertToLong()) {
            return value.decimalValue().longValueExact();
        }
        throw Rejection.badRequest(field + ": must be a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
    }
}
