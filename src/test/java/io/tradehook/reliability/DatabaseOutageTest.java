package io.tradehook.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away and comes back: meanwhile every webhook gets a 503 envelope at once (well inside
 * TradingView's 3 s: the client here gives up after 3 s), and afterwards the same gateway serves again, no restart.
 * This class runs on a PostgreSQL server of its own, so stopping it disturbs no other test.
 */
class DatabaseOutageTest extends GatewayTestSupport {

    private static final Path DATA = tempDir();
    private static EmbeddedPostgres postgres = start(0);

    @Override
    protected Properties overrides() {
        return properties("tradehook.db.url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
    }

    @AfterAll
    void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void with_the_database_down_webhooks_get_503_and_after_it_returns_they_succeed() throws Exception {
        Trader trader = users.subscribedTrader();
        String order = """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":1,"side":"buy","requestId":"%s"}""";
        assertThat(http.postJson(trader.webhookPath(), order.formatted(trader.account(), "before")).status()).isEqualTo(200);

        int port = postgres.getPort();
        postgres.close();
        Answer during = http.postJson(trader.webhookPath(), order.formatted(trader.account(), "during"), Duration.ofSeconds(3));
        assertThat(during.status()).isEqualTo(503);
        assertThat(during.errmsg()).isEqualTo("service temporarily unavailable: retry later");

        postgres = start(port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                http.postJson(trader.webhookPath(), order.formatted(trader.account(), "after")).status()).isEqualTo(200));
        // the request made during the outage left no order behind: before and after only
        assertThat(sql.number("select count(*) from paper_order")).isEqualTo(2);
    }

    private static EmbeddedPostgres start(int port) {
        try {
            return EmbeddedPostgres.builder().setDataDirectory(DATA).setCleanDataDirectory(false).setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tradehook-outage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
