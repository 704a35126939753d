package io.tradehook.te;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TE's enum spelling is one configurable table; the shipped default is the guide's. */
class WireSpellingTest {

    private static final String SHIPPED_TYPES =
            "market=Market, stop=Stop, limit=Limit, stop limit=Stop limit, trailing stop=Trailing stop, care=Care";

    @ParameterizedTest
    @CsvSource({
            "type, market, Market",
            "type, stop limit, Stop limit",
            "type, trailing stop, Trailing stop",
            "type, care, Care",
            "side, buy, buy",
            "validity, GTC, GTC",
            "stopLossType, offset in ticks, offset in ticks"})
    void the_shipped_table_spells_as_the_guide(String field, String canonical, String wire) {
        assertThat(new WireSpelling(Map.of("type", SHIPPED_TYPES)).wire(field, canonical)).isEqualTo(wire);
    }

    @Test
    void another_installation_spelling_is_a_property_away() throws Exception {
        WireSpelling camel = new WireSpelling(Map.of("type", "limit=limit, stop limit=stopLimit", "side", "buy=BUY"));
        TeRequests requests = new TeRequests(camel, "GTC");
        ObjectNode order = (ObjectNode) Json.MAPPER.readTree("""
                {"action":"place","accountName":"a","symbol":"X","type":"stop limit","qty":1,"side":"buy",
                 "price":2,"stopPrice":3}""");

        // compared as TE reads it: the JSON text
        assertThat(Json.MAPPER.readTree(Json.text(requests.place(order, 42)))).isEqualTo(Json.MAPPER.readTree("""
                {"tradableInstrumentId":42,"qty":1,"side":"BUY","type":"stopLimit","validity":"GTC","price":2,
                 "stopPrice":3}"""));
    }

    @Test
    void a_malformed_table_names_its_property() {
        assertThatThrownBy(() -> new WireSpelling(Map.of("stopLossType", "absolute")))
                .hasMessageContaining("tradehook.te.wire.stop-loss-type");
    }
}
