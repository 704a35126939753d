package io.tradehook.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;
import io.tradehook.common.Json;

/** The three examples of the spec, sent as TradingView would, give the spec's answers with the ids assigned here. */
class SpecExamplesTest extends GatewayTestSupport {

    @Test
    void place_modify_and_cancel_answer_as_the_spec_shows() throws Exception {
        Trader trader = users.subscribedTrader();

        Answer placed = http.postJson(trader.webhookPath(), """
                {"action":"place","accountName":"%s","symbol":"ABC","symbolType":"CRYPTO","type":"Limit","qty":5,"side":"buy","price":34}
                """.formatted(trader.account()));
        assertThat(placed.status()).isEqualTo(200);
        assertThat(placed.contentType()).startsWith("application/json");
        String orderId = placed.json().at("/d/orderId").asText();
        assertThat(orderId).matches("[0-9]+");
        assertThat(placed.json()).isEqualTo(json("""
                {"s":"ok","d":{"orderId":"%s","action":"place","symbol":"ABC","symbolType":"CRYPTO","type":"limit",
                 "qty":5,"side":"buy","price":34,"accountName":"%s"}}""".formatted(orderId, trader.account())));

        Answer modified = http.postJson(trader.webhookPath(), """
                {"action":"modify","accountName":"%s","orderId":%s,"price":35,"qty":10}
                """.formatted(trader.account(), orderId));
        assertThat(modified.status()).isEqualTo(200);
        assertThat(modified.json()).isEqualTo(json("{\"s\":\"ok\",\"d\":{\"orderId\":\"" + orderId + "\"}}"));
        assertThat(storedFields(orderId).path("price").asInt()).isEqualTo(35);
        assertThat(storedFields(orderId).path("qty").asInt()).isEqualTo(10);
        assertThat(storedFields(orderId).path("symbol").asText()).isEqualTo("ABC");

        Answer cancelled = http.postJson(trader.webhookPath(), """
                {"action":"cancel","accountName":"%s","orderId":%s}
                """.formatted(trader.account(), orderId));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json()).isEqualTo(json("{\"s\":\"ok\",\"d\":{\"orderId\":\"" + orderId + "\"}}"));
        assertThat(storedStatus(orderId)).isEqualTo("cancelled");
    }

    private JsonNode storedFields(String orderId) {
        return Json.tree(sql.string("select fields::text from paper_order where id = ?", Long.parseLong(orderId)));
    }

    private String storedStatus(String orderId) {
        return sql.string("select status from paper_order where id = ?", Long.parseLong(orderId));
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }
}
