package io.tradehook.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** GET /api/requests/{id}: what a webhook request carried and what became of it, for its key's owner only. */
class RequestDetailApiTest extends GatewayTestSupport {

    private ApiCaller as(Trader trader) {
        return ApiCaller.as(http, trader.login(), "secret-" + trader.login());
    }

    /** The trader's newest request in full. */
    private JsonNode newest(Trader trader) {
        long id = as(trader).get("/api/requests?limit=1").json().at("/items/0/id").asLong();
        Answer detail = as(trader).get("/api/requests/" + id);
        assertThat(detail.status()).isEqualTo(200);
        return detail.json();
    }

    @Test
    void an_accepted_place_shows_its_body_as_received_the_normalised_order_the_brokers_answer_and_its_stages() {
        Trader trader = users.subscribedTrader();
        String body = """
                {"action":"PLACE","accountName":"%s","symbol":"abc","type":"Limit","qty":"5","side":"BUY","price":34}"""
                .formatted(trader.account());
        Answer placed = http.postJson(trader.webhookPath(), body);

        JsonNode detail = newest(trader);

        assertThat(detail.get("body").asText()).isEqualTo(body);
        assertThat(detail.get("order").toString()).isEqualTo("{\"action\":\"place\",\"accountName\":\""
                + trader.account() + "\",\"symbol\":\"ABC\",\"type\":\"limit\",\"qty\":5,\"side\":\"buy\",\"price\":34}");
        assertThat(detail.at("/brokerAnswer/orderId").asText()).isEqualTo(placed.json().at("/d/orderId").asText());
        assertThat(detail.get("status").asInt()).isEqualTo(200);
        assertThat(detail.get("sourceAddress").asText()).isNotBlank();
        List<String> stages = new ArrayList<>();
        detail.get("stagesMs").fieldNames().forEachRemaining(stages::add);
        assertThat(stages).containsExactly("received", "checked", "admitted", "broker", "answered");
        double previous = 0;
        for (String stage : stages) {
            assertThat(detail.at("/stagesMs/" + stage).asDouble()).as(stage).isGreaterThanOrEqualTo(previous);
            previous = detail.at("/stagesMs/" + stage).asDouble();
        }
    }

    @Test
    void a_refused_alert_shows_what_tradingview_actually_sent() {
        Trader trader = users.subscribedTrader();
        String unresolved = """
                {"action":"place","accountName":"%s","symbol":"{{ticker}}","type":"market","qty":1,"side":"buy"}"""
                .formatted(trader.account());
        assertThat(http.postJson(trader.webhookPath(), unresolved).status()).isEqualTo(400);

        JsonNode detail = newest(trader);

        assertThat(detail.get("body").asText()).isEqualTo(unresolved);
        assertThat(detail.get("errmsg").asText()).contains("symbol");
        assertThat(detail.get("order").isNull()).isTrue();
        assertThat(detail.get("brokerAnswer").isNull()).isTrue();
    }

    @Test
    void the_paths_secret_is_never_in_a_detail_even_when_the_sender_put_it_in_the_body() {
        Trader trader = users.subscribedTrader();
        String secret = trader.key().secretKey();
        http.postJson(trader.webhookPath(), "{\"action\":\"place\",\"note\":\"" + secret + "\"}");

        JsonNode detail = newest(trader);

        assertThat(detail.get("body").asText()).isEqualTo("{\"action\":\"place\",\"note\":\"***\"}");
        assertThat(detail.toString()).doesNotContain(secret);
        assertThat(sql.number("select count(*) from webhook_request where position(? in detail) > 0", secret)).isZero();
    }

    @Test
    void a_body_that_is_not_utf8_or_holds_a_nul_is_kept_readable() {
        Trader trader = users.subscribedTrader();
        http.postJson(trader.webhookPath(), "{\"action\":\"pl\u0000ace\"}");

        JsonNode detail = newest(trader);

        assertThat(detail.get("body").asText()).isEqualTo("{\"action\":\"pl\u0000ace\"}");
    }

    @Test
    void only_the_keys_owner_sees_a_request() {
        Trader owner = users.subscribedTrader();
        Trader stranger = users.subscribedTrader();
        http.postJson(owner.webhookPath(), "{}");
        long id = as(owner).get("/api/requests?limit=1").json().at("/items/0/id").asLong();

        assertThat(as(stranger).get("/api/requests/" + id).status()).isEqualTo(404);
        assertThat(as(stranger).get("/api/requests/" + id).errmsg()).isEqualTo("no such request");
        assertThat(as(owner).get("/api/requests/abc").status()).isEqualTo(404);
        assertThat(ApiCaller.anonymous(http).get("/api/requests/" + id).status()).isEqualTo(401);
    }
}
