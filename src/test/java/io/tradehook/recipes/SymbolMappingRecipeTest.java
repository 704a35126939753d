package io.tradehook.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** Recipe: alert symbols mapped to broker symbols by {@code tradehook.symbols.file = recipes/symbols.json}. */
class SymbolMappingRecipeTest extends GatewayTestSupport {

    @Override
    protected Properties overrides() {
        return properties("tradehook.symbols.file", "recipes/symbols.json");
    }

    @Test
    void exchange_prefixed_symbol_is_sent_as_the_broker_symbol() {
        Trader trader = users.subscribedTrader();
        JsonNode placed = place(trader, "\"symbol\":\"BINANCE:BTCUSDT\"").json().path("d");
        assertThat(placed.path("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(placed.path("symbolType").asText()).isEqualTo("CRYPTO");
    }

    @Test
    void continuous_future_becomes_the_contract_with_its_month() {
        Trader trader = users.subscribedTrader();
        JsonNode placed = place(trader, "\"symbol\":\"es1!\"").json().path("d");
        assertThat(placed.path("symbol").asText()).isEqualTo("ES");
        assertThat(placed.path("symbolType").asText()).isEqualTo("FUTURES");
        assertThat(placed.path("contractMonth").asText()).isEqualTo("2026-12");
    }

    @Test
    void what_the_alert_sent_wins_over_the_mapping_except_the_symbol() {
        Trader trader = users.subscribedTrader();
        JsonNode placed = place(trader, "\"symbol\":\"ES1!\",\"symbolType\":\"FUTURES\",\"contractMonth\":\"2027-03\"").json().path("d");
        assertThat(placed.path("symbol").asText()).isEqualTo("ES");
        assertThat(placed.path("contractMonth").asText()).isEqualTo("2027-03");
    }

    @Test
    void unmapped_symbol_passes_unchanged() {
        Trader trader = users.subscribedTrader();
        JsonNode placed = place(trader, "\"symbol\":\"xyz\"").json().path("d");
        assertThat(placed.path("symbol").asText()).isEqualTo("XYZ");
        assertThat(placed.has("symbolType")).isFalse();
    }

    private Answer place(Trader trader, String symbolFields) {
        Answer answer = http.postJson(trader.webhookPath(), """
                {"action":"place","accountName":"%s",%s,"type":"market","qty":1,"side":"buy"}
                """.formatted(trader.account(), symbolFields));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }
}
