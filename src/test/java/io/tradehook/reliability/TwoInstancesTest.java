package io.tradehook.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.tradehook.support.Concurrently;
import io.tradehook.support.GatewayInstance;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two gateways on one PostgreSQL behave as one: resends, deleted keys and rate limits are decided by the database. */
class TwoInstancesTest extends GatewayTestSupport {

    private GatewayInstance second;
    private WebhookClient secondHttp;

    @BeforeAll
    void startSecondInstance() {
        second = new GatewayInstance(databaseUrl(), Map.of("tradehook.ratelimit.limit", "10",
                "tradehook.ratelimit.window", "P1D")).start();
        secondHttp = second.http();
    }

    @AfterAll
    void stopSecondInstance() {
        second.close();
    }

    @Override
    protected Properties overrides() {
        return properties(
                "tradehook.ratelimit.limit", "10",
                "tradehook.ratelimit.window", "P1D");
    }

    @Test
    void a_duplicated_alert_sent_to_both_instances_at_once_places_one_order() {
        Trader trader = users.subscribedTrader();
        String order = """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":3,"side":"sell"}"""
                .formatted(trader.account());

        List<Answer> answers = Concurrently.run(10, i -> (i % 2 == 0 ? http : secondHttp).postJson(trader.webhookPath(), order));

        assertThat(answers).extracting(Answer::status).containsOnly(200);
        assertThat(answers).extracting(Answer::body).containsOnly(answers.get(0).body());
        assertThat(sql.number("""
                select count(*) from paper_order o join trading_account a on a.id = o.account_id where a.name = ?""",
                trader.account())).isEqualTo(1);
    }

    @Test
    void a_deleted_key_is_refused_by_both_instances() {
        Trader trader = users.subscribedTrader();
        String order = """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":1,"side":"buy","requestId":"%s"}""";
        assertThat(http.postJson(trader.webhookPath(), order.formatted(trader.account(), "1")).status()).isEqualTo(200);
        assertThat(secondHttp.postJson(trader.webhookPath(), order.formatted(trader.account(), "2")).status()).isEqualTo(200);

        users.deleteKey(trader.userId(), trader.key().id());

        // deleted in the database as a third instance would: both key caches hear of it by notification
        await().atMost(Duration.ofSeconds(10)).until(
                () -> http.postJson(trader.webhookPath(), order.formatted(trader.account(), "3")).status() == 401);
        await().atMost(Duration.ofSeconds(10)).until(
                () -> secondHttp.postJson(trader.webhookPath(), order.formatted(trader.account(), "4")).status() == 401);
    }

    @Test
    void the_rate_limit_counts_the_requests_of_both_instances() {
        Trader trader = users.subscribedTrader();
        String order = """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":1,"side":"buy","requestId":"%d"}""";
        for (int i = 0; i < 10; i++) {
            Answer answer = (i % 2 == 0 ? http : secondHttp).postJson(trader.webhookPath(), order.formatted(trader.account(), i));
            assertThat(answer.status()).isEqualTo(200);
        }
        assertThat(http.postJson(trader.webhookPath(), order.formatted(trader.account(), 10)).status()).isEqualTo(429);
        assertThat(secondHttp.postJson(trader.webhookPath(), order.formatted(trader.account(), 11)).status()).isEqualTo(429);
    }
}
