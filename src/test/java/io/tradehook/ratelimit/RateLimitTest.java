package io.tradehook.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Properties;

import io.tradehook.support.Concurrently;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** A key gets at most tradehook.ratelimit.limit requests per window; then 429 with a retry hint. */
class RateLimitTest extends GatewayTestSupport {

    private static final int LIMIT = 5;

    @Override
    protected Properties overrides() {
        // one window for the whole test class
        return properties(
                "tradehook.ratelimit.limit", Integer.toString(LIMIT),
                "tradehook.ratelimit.window", "P1D");
    }

    private Answer cancel(Trader trader) {
        return http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + trader.webhookPath()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"action":"cancel","accountName":"%s","orderId":1}""".formatted(trader.account()))));
    }

    @Test
    void the_request_after_the_limit_gets_429_with_a_retry_hint() throws Exception {
        Trader trader = users.subscribedTrader();
        for (int i = 0; i < LIMIT; i++) {
            assertThat(cancel(trader).status()).isNotEqualTo(429);
        }
        var response = java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(http.baseUrl() + trader.webhookPath()))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 86_400L));
        assertThat(response.body()).contains("\"s\":\"error\"").contains("rate limit exceeded: at most 5 requests per");
    }

    @Test
    void concurrent_requests_of_one_key_get_exactly_the_limit_through() {
        Trader trader = users.subscribedTrader();

        // they arrive together, so their hits are counted in the same groups
        List<Integer> statuses = Concurrently.run(LIMIT * 4, i -> cancel(trader).status());

        assertThat(statuses).filteredOn(status -> status != 429).hasSize(LIMIT);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(LIMIT * 3);
    }

    @Test
    void concurrent_distinct_orders_past_the_limit_are_neither_placed_nor_claimed() {
        Trader trader = users.subscribedTrader();

        // twenty different orders at once: counting and claiming happen in the same statements
        List<Integer> statuses = Concurrently.run(LIMIT * 4, i -> http.postJson(trader.webhookPath(), """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"market","side":"buy","qty":%d}"""
                .formatted(trader.account(), i + 1)).status());

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(LIMIT);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(LIMIT * 3);
        assertThat(sql.number("""
                select count(*) from paper_order o join trading_account a on a.id = o.account_id where a.name = ?""",
                trader.account())).isEqualTo(LIMIT);
        // a refused order holds no claim, so the same alert sent in the next window is placed
        assertThat(sql.number("select count(*) from webhook_idempotency where key_id = ?", trader.key().id()))
                .isEqualTo(LIMIT);
    }

    @Test
    void requests_refused_for_their_body_count_against_the_limit() {
        Trader trader = users.subscribedTrader();
        for (int i = 0; i < LIMIT; i++) {
            assertThat(http.postJson(trader.webhookPath(), "{\"action\":\"place\"}").status()).isEqualTo(400);
        }

        assertThat(cancel(trader).status()).isEqualTo(429);
        assertThat(http.postJson(trader.webhookPath(), "{\"action\":\"place\"}").status()).isEqualTo(429);
    }

    @Test
    void another_key_of_the_same_user_has_its_own_count() {
        Trader trader = users.subscribedTrader();
        for (int i = 0; i <= LIMIT; i++) {
            cancel(trader);
        }
        assertThat(cancel(trader).status()).isEqualTo(429);

        var other = users.newKey(trader.userId(), null);
        assertThat(http.postJson("/webhook/" + other.apiKey() + "/" + other.secretKey(), """
                {"action":"cancel","accountName":"%s","orderId":1}""".formatted(trader.account())).status()).isEqualTo(404);
    }

    @Test
    void a_bad_key_is_refused_before_it_counts_against_anyone() {
        Trader trader = users.subscribedTrader();
        for (int i = 0; i < LIMIT * 2; i++) {
            assertThat(http.postJson("/webhook/" + trader.key().apiKey() + "/wrong-secret-wrong-secret", "{}").status())
                    .isEqualTo(401);
        }
        assertThat(cancel(trader).status()).isEqualTo(404);
    }
}
