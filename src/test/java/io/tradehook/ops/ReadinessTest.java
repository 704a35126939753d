package io.tradehook.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestPostgres;
import io.tradehook.support.WebhookClient;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows the database: when this instance's database stops taking connections, {@code /ready} answers
 * 503 DOWN (so the load balancer stops sending) while {@code /live} stays UP (a restart would not help); it
 * comes back UP by itself.
 */
class ReadinessTest extends GatewayTestSupport {

    @Test
    void ready_goes_down_while_the_database_is_unreachable_and_live_stays_up() throws Exception {
        assertThat(management("/observe/health/ready").status()).isEqualTo(200);
        String database = URI.create(databaseUrl().substring("jdbc:".length())).getPath().substring(1);
        try {
            onServer("alter database " + database + " with allow_connections false");
            onServer("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                Answer ready = management("/observe/health/ready");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().path("status").asText()).isEqualTo("DOWN");
            });
            Answer live = management("/observe/health/live");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.json().path("status").asText()).isEqualTo("UP");
        } finally {
            onServer("alter database " + database + " with allow_connections true");
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(management("/observe/health/ready").status()).isEqualTo(200));
    }

    private Answer management(String path) {
        return new WebhookClient("http://localhost:" + managementPort()).send(path, "GET", null, null);
    }

    /** Runs a statement on the server's maintenance database, outside the gateway's pool. */
    private static void onServer(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + TestPostgres.port() + "/postgres", "postgres", null);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
