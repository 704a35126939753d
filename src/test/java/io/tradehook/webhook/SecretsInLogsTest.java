package io.tradehook.webhook;

import static io.tradehook.support.OrderJson.cancel;
import static io.tradehook.support.OrderJson.limitOrder;
import static io.tradehook.support.OrderJson.modify;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Properties;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.LogCapture;
import io.tradehook.support.TestUsers.Trader;
import org.junit.jupiter.api.Test;

/**
 * The webhook secret never reaches a log line, whatever the request did, even with Camel's tracer on (which logs
 * every step of every exchange with its headers) and the gateway, Camel and Vert.x logging at DEBUG — the settings
 * ops reach for first when an alert misbehaves.
 */
class SecretsInLogsTest extends GatewayTestSupport {

    @Override
    protected Properties overrides() {
        return properties(
                "camel.main.tracing", "true",
                "tradehook.webhook.max-body-bytes", "1024");
    }

    @Test
    void no_log_line_contains_the_secret_whatever_the_request() {
        Trader trader = users.subscribedTrader();
        Trader someoneElse = users.subscribedTrader();
        String secret = trader.key().secretKey();
        String path = trader.webhookPath();

        String captured;
        try (LogCapture logs = LogCapture.start("io.tradehook", "org.apache.camel", "io.vertx", "io.netty")) {
            String orderId = http.postJson(path, limitOrder(trader.account()).json()).json().at("/d/orderId").asText();
            http.postJson(path, modify(trader.account(), orderId).with("price", 36).json());
            http.postJson(path, cancel(trader.account(), orderId).json());
            http.postJson(path, cancel(trader.account(), orderId).json());
            http.postJson(path, cancel(trader.account(), 999_999).json());
            http.postJson(path, limitOrder(someoneElse.account()).json());
            http.postJson(path, limitOrder(trader.account()).without("price").json());
            http.postJson(path, "{\"action\":");
            http.postJson(path, limitOrder(trader.account()).with("userComment", "x".repeat(2000)).json());
            http.send(path, "GET", null, null);
            http.send(path, "POST", "application/xml", "<order/>");
            http.postJson("/webhook/" + trader.key().apiKey() + "/x?secretKey=" + secret, "{}");
            http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/webhook/" + trader.key().apiKey()))
                    .header("secretKey", secret).POST(HttpRequest.BodyPublishers.ofString("{}")));
            http.postJson(path + "/extra", "{}");
            http.postJson("/elsewhere/" + secret, "{}");
            captured = logs.text();
        }

        assertThat(captured).as("the tracer logged the requests, redacted")
                .contains("webhook.camel.yaml", "CamelHttpPath=/webhook/" + trader.key().apiKey() + "/***");
        assertThat(captured).doesNotContain(secret);
    }
}
