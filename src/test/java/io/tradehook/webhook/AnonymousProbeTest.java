package io.tradehook.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.OrderJson;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.tradehook.common.Rejection;

/**
 * Requests with made-up keys cost as little as can be: a repeated unknown key is answered from memory, nobody's
 * request leaves a stored record (a counter instead), and an address that keeps guessing is answered 429 without a
 * query, while a key already in use keeps working from there. 127.0.0.1 is a trusted proxy here, so X-Forwarded-For
 * stands for the sender's address.
 */
class AnonymousProbeTest extends GatewayTestSupport {

    private static final int BAD_KEYS_PER_ADDRESS = 5;

    @Override
    protected Properties overrides() {
        return properties("tradehook.trusted-proxies", "127.0.0.1, ::1",
                "tradehook.webhook.bad-keys-per-address", Integer.toString(BAD_KEYS_PER_ADDRESS),
                // one window for the whole test class
                "tradehook.webhook.bad-keys-window", "P1D",
                "tradehook.keys.unknown-ttl", "P1D");
    }

    @BeforeEach
    void keyCacheListens() {
        await().atMost(Duration.ofSeconds(10)).until(() -> meters().find("tradehook.key.cache.listening").gauge() != null
                && meters().find("tradehook.key.cache.listening").gauge().value() == 1.0);
    }

    @Test
    void a_request_with_an_unknown_key_is_answered_401_counted_and_not_stored() {
        long before = sql.number("select count(*) from webhook_request");
        double counted = counter("tradehook.webhook.anonymous", null, null);

        for (int i = 0; i < 3; i++) {
            Answer answer = post(madeUpKeyPath(), "{}", "198.51.100." + i);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.errmsg()).isEqualTo(Rejection.BAD_KEY);
        }

        assertThat(sql.number("select count(*) from webhook_request")).isEqualTo(before);
        assertThat(counter("tradehook.webhook.anonymous", null, null)).isEqualTo(counted + 3);
    }

    @Test
    void a_repeated_unknown_key_is_looked_up_in_the_database_once() {
        String path = madeUpKeyPath();
        double fromDatabase = counter("tradehook.key.lookups", "source", "database");
        double fromMemory = counter("tradehook.key.lookups", "source", "unknown_cache");

        for (int i = 0; i < 4; i++) {
            assertThat(post(path, "{}", "198.51.100.20" + i).status()).isEqualTo(401);
        }

        assertThat(counter("tradehook.key.lookups", "source", "database")).isEqualTo(fromDatabase + 1);
        assertThat(counter("tradehook.key.lookups", "source", "unknown_cache")).isEqualTo(fromMemory + 3);
    }

    @Test
    void an_address_past_its_bad_key_limit_gets_429_without_a_query_but_its_key_in_use_still_trades() {
        Trader trader = users.subscribedTrader();
        String prober = "203.0.113.77";
        String order = OrderJson.marketOrder(trader.account()).json();
        assertThat(post(trader.webhookPath(), order, "192.0.2.1").status()).isEqualTo(200); // the key is in memory now

        for (int i = 0; i < BAD_KEYS_PER_ADDRESS; i++) {
            assertThat(post(madeUpKeyPath(), "{}", prober).status()).isEqualTo(401);
        }
        double fromDatabase = counter("tradehook.key.lookups", "source", "database");
        HttpResponse<String> refused = raw(madeUpKeyPath(), prober);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("too many requests with invalid webhook keys from this address: at most 5 per");
        assertThat(counter("tradehook.key.lookups", "source", "database")).isEqualTo(fromDatabase);
        assertThat(post(trader.webhookPath(), OrderJson.marketOrder(trader.account()).with("requestId", "again").json(),
                prober).status()).isEqualTo(200);
        assertThat(post(madeUpKeyPath(), "{}", "203.0.113.78").status()).isEqualTo(401);
    }

    private static String madeUpKeyPath() {
        return "/webhook/" + UUID.randomUUID().toString().replace("-", "") + "/" + "s".repeat(43);
    }

    private Answer post(String path, String body, String from) {
        return http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> raw(String path, String from) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", from)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private MeterRegistry meters() {
        return context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
    }

    private double counter(String name, String tag, String value) {
        var search = meters().find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        Counter counter = search.counter();
        return counter == null ? 0 : counter.count();
    }
}
