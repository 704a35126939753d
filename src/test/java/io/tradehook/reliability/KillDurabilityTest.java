package io.tradehook.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.common.Json;
import org.junit.jupiter.api.Test;

/**
 * An order the gateway acknowledged is committed before the answer leaves: a gateway process killed with SIGKILL in
 * the middle of a load of places has every order id it answered in PostgreSQL.
 */
class KillDurabilityTest extends GatewayTestSupport {

    @Test
    void every_acknowledged_order_survives_kill_minus_9() throws Exception {
        Trader trader = users.subscribedTrader();
        int port = freePort();
        Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dcamel.server.port=" + port,
                "-Dtradehook.db.url=" + databaseUrl(),
                "-Dtradehook.db.user=postgres",
                "-Dtradehook.ratelimit.limit=0",
                "io.tradehook.TradehookMain")
                .redirectErrorStream(true)
                .redirectOutput(new File("target/kill-durability-gateway.log"))
                .start();
        HttpClient client = HttpClient.newHttpClient();
        String url = "http://localhost:" + port + trader.webhookPath();
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                    client.send(post(url, "{}"), HttpResponse.BodyHandlers.ofString()).statusCode() == 400);

            Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger sequence = new AtomicInteger();
            ExecutorService load = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                load.submit(() -> {
                    while (running.get()) {
                        String body = """
                                {"action":"place","accountName":"%s","symbol":"ABC","type":"limit","price":10,"qty":1,"side":"buy","requestId":"k-%d"}"""
                                .formatted(trader.account(), sequence.incrementAndGet());
                        try {
                            HttpResponse<String> answer = client.send(post(url, body), HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() == 200) {
                                JsonNode envelope = Json.MAPPER.readTree(answer.body());
                                acknowledged.add(envelope.at("/d/orderId").asText());
                            }
                        } catch (IOException | InterruptedException e) {
                            return; // the gateway is gone
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 50);
            gateway.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
            gateway.waitFor();
            running.set(false);
            load.shutdown();
            await().atMost(Duration.ofSeconds(30)).until(load::isTerminated);

            List<String> missing = new ArrayList<>();
            for (String orderId : acknowledged) {
                if (sql.number("select count(*) from paper_order where id = ?", Long.parseLong(orderId)) != 1) {
                    missing.add(orderId);
                }
            }
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(50);
            assertThat(missing).isEmpty();
        } finally {
            gateway.destroyForcibly();
        }
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
