package io.tradehook.te;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * Webhook order → TE request body. Only the fields TE takes go (the routing fields accountName, symbol,
 * symbolType, contractMonth, strike and ISIN are resolved into the path and {@code tradableInstrumentId}); enum
 * values in TE's wire spelling; a place without validity gets {@code tradehook.te.default-validity}, as TE
 * requires one.
 */
final class TeRequests {

    static final List<String> PLACE_FIELDS = List.of("qty", "side", "type", "validity", "price", "stopPrice",
            "cashOrderQty", "expireDate", "stopLoss", "stopLossType", "takeProfit", "takeProfitType", "trStopOffset",
            "userComment");
    static final List<String> MODIFY_FIELDS = List.of("qty", "price", "stopPrice", "validity", "expireDate",
            "stopLoss", "stopLossType", "takeProfit", "takeProfitType", "trStopOffset", "userComment");

    private final WireSpelling spelling;
    private final String defaultValidity;

    TeRequests(WireSpelling spelling, String defaultValidity) {
        this.spelling = spelling;
        this.defaultValidity = defaultValidity;
    }

    public ObjectNode place(@Body ObjectNode order, @Variable(TeBroker.INSTRUMENT_ID) long tradableInstrumentId) {
        ObjectNode te = JsonNodeFactory.instance.objectNode();
        te.put("tradableInstrumentId", tradableInstrumentId);
        copy(order, te, PLACE_FIELDS);
        if (!te.has("validity")) {
            te.put("validity", spelling.wire("validity", defaultValidity));
        }
        return te;
    }

    public ObjectNode modify(@Body ObjectNode order) {
        ObjectNode te = JsonNodeFactory.instance.objectNode();
        copy(order, te, MODIFY_FIELDS);
        return te;
    }

    private void copy(ObjectNode order, ObjectNode te, List<String> fields) {
        for (String field : fields) {
            JsonNode value = order.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (spelling.isEnum(field)) {
                te.put(field, spelling.wire(field, value.asText()));
            } else {
                te.set(field, value);
            }
        }
    }
}
