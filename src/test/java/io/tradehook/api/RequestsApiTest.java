package io.tradehook.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** GET /api/requests: the caller's own webhook requests, newest first, filtered and paged. */
class RequestsApiTest extends GatewayTestSupport {

    @Test
    void lists_the_callers_requests_newest_first_with_filters_and_pages() {
        Trader trader = users.subscribedTrader();
        Trader other = users.subscribedTrader();
        ApiCaller api = ApiCaller.as(http, trader.login(), "secret-" + trader.login());
        var secondKey = users.newKey(trader.userId(), null);

        Answer placed = http.postJson(trader.webhookPath(), """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"Market","qty":1,"side":"buy"}"""
                .formatted(trader.account()));
        assertThat(placed.status()).isEqualTo(200);
        assertThat(http.postJson(trader.webhookPath(), "{\"action\":\"place\"}").status()).isEqualTo(400);
        assertThat(http.postJson(secondKey.webhookUrl(), """
                {"action":"cancel","accountName":"%s","orderId":999999}""".formatted(trader.account())).status())
                .isEqualTo(404);
        assertThat(http.postJson(other.webhookPath(), "{\"action\":\"place\"}").status()).isEqualTo(400);

        JsonNode all = api.get("/api/requests").json();
        assertThat(all.get("items")).hasSize(3);
        assertThat(all.get("hasMore").asBoolean()).isFalse();
        JsonNode newest = all.get("items").get(0);
        assertThat(newest.get("action").asText()).isEqualTo("cancel");
        assertThat(newest.get("status").asInt()).isEqualTo(404);
        assertThat(newest.get("keyId").asLong()).isEqualTo(secondKey.id());
        assertThat(newest.get("keyName").asText()).isEqualTo(secondKey.name());
        JsonNode oldest = all.get("items").get(2);
        assertThat(oldest.get("status").asInt()).isEqualTo(200);
        assertThat(oldest.get("outcome").asText()).isEqualTo("ok");
        assertThat(oldest.get("orderId").asText()).isEqualTo(placed.json().at("/d/orderId").asText());
        assertThat(oldest.get("accountName").asText()).isEqualTo(trader.account());
        assertThat(api.get("/api/requests").body()).doesNotContain(trader.key().secretKey())
                .doesNotContain(other.key().apiKey());

        assertThat(api.get("/api/requests?keyId=" + trader.key().id()).json().get("items")).hasSize(2);
        assertThat(api.get("/api/requests?status=400").json().findValuesAsText("errmsg")).hasSize(1);
        assertThat(api.get("/api/requests?action=cancel").json().get("items")).hasSize(1);
        assertThat(api.get("/api/requests?action=place&status=200").json().get("items")).hasSize(1);
        assertThat(api.get("/api/requests?from=" + Instant.now().plusSeconds(3600)).json().get("items")).isEmpty();
        assertThat(api.get("/api/requests?to=" + Instant.now().plusSeconds(3600)).json().get("items")).hasSize(3);

        JsonNode page = api.get("/api/requests?limit=2").json();
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("hasMore").asBoolean()).isTrue();
        JsonNode next = api.get("/api/requests?limit=2&offset=2").json();
        assertThat(next.get("items")).hasSize(1);
        assertThat(next.get("items").get(0).get("id").asLong()).isEqualTo(oldest.get("id").asLong());
        assertThat(next.get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void bad_filters_are_400s() {
        Trader trader = users.subscribedTrader();
        ApiCaller api = ApiCaller.as(http, trader.login(), "secret-" + trader.login());

        assertThat(api.get("/api/requests?limit=0").errmsg()).isEqualTo("limit must be a whole number from 1 to 200");
        assertThat(api.get("/api/requests?status=abc").errmsg()).isEqualTo("status must be a whole number from 100 to 599");
        assertThat(api.get("/api/requests?action=buy").errmsg()).isEqualTo("action must be one of place, modify, cancel");
        assertThat(api.get("/api/requests?from=yesterday").status()).isEqualTo(400);
        // years PostgreSQL cannot store, or that JDBC would wrap into the past: a 400 naming the filter, not a 503
        for (String far : new String[] {"from=%2B294277-01-01T00:00:00Z", "to=%2B999999999-12-31T23:59:59Z",
                "from=-4713-01-01T00:00:00Z"}) {
            Answer answer = api.get("/api/requests?" + far);
            assertThat(answer.status()).as(far).isEqualTo(400);
            assertThat(answer.errmsg()).as(far).startsWith(far.substring(0, far.indexOf('='))
                    + " must be a date-time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
        }
    }
}
