package io.tradehook.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** After a few webhooks, the Prometheus scrape shows the series the dashboards use, and no secret in any tag. */
class MetricsTest extends GatewayTestSupport {

    @Test
    void scrape_shows_requests_latency_broker_auth_pool_and_jvm_series_without_secrets() {
        Trader trader = users.subscribedTrader();
        Answer placed = http.postJson(trader.webhookPath(), """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":1,"side":"buy"}
                """.formatted(trader.account()));
        assertThat(placed.status()).isEqualTo(200);
        assertThat(http.postJson(trader.webhookPath(), """
                {"action":"cancel","accountName":"%s","orderId":999999}
                """.formatted(trader.account())).status()).isEqualTo(404);
        String wrongSecret = "/webhook/" + trader.key().apiKey() + "/" + "A".repeat(43);
        assertThat(http.postJson(wrongSecret, "{}").status()).isEqualTo(401);

        // counted when the exchange completes, which may be just after the answer left
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(metricsScrape())
                .contains("tradehook_webhook_requests_total{action=\"place\",result=\"ok\",status=\"200\"} 1.0")
                .contains("tradehook_webhook_requests_total{action=\"cancel\",result=\"rejected\",status=\"404\"} 1.0")
                .contains("tradehook_webhook_requests_total{action=\"none\",result=\"rejected\",status=\"401\"} 1.0")
                .contains("tradehook_webhook_auth_failures_total 1.0"));

        String scrape = metricsScrape();
        assertThat(scrape)
                .contains("tradehook_webhook_duration_seconds_bucket{action=\"place\",result=\"ok\",le=")
                .contains("tradehook_webhook_duration_seconds_count{action=\"place\",result=\"ok\"} 1")
                .contains("tradehook_broker_duration_seconds_bucket{action=\"place\",result=\"ok\",le=")
                .contains("tradehook_broker_duration_seconds_count{action=\"cancel\",result=\"rejected\"} 1")
                .contains("tradehook_webhook_rate_limited_total 0.0")
                .contains("tradehook_webhook_duplicates_total 0.0")
                .contains("hikaricp_connections_active{pool=\"tradehook\"}")
                .contains("hikaricp_connections_max{pool=\"tradehook\"}")
                .contains("jvm_memory_used_bytes")
                .contains("jvm_threads_live_threads")
                .contains("process_cpu_usage")
                .doesNotContain(trader.key().apiKey())
                .doesNotContain(trader.key().secretKey())
                .doesNotContain(trader.account());
    }
}
