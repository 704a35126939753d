package io.tradehook.te;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import io.tradehook.support.Concurrently;
import io.tradehook.support.LogCapture;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/**
 * {@code tradehook.webhook.max-in-flight}: webhooks past the limit are answered 503 at once, nothing sent, and the
 * resend is placed once the others are done; senders that wait for each answer never meet it, and senders that hold
 * their bodies back take no place from other alerts. TE holds its order calls unanswered, so the requests stay in flight for
 * as long as the test needs.
 */
class WebhookInFlightLimitTest extends TeTestSupport {

    private static final int LIMIT = 3;
    private static final String ALERT = """
            {"action":"place","accountName":"$ACCOUNT","symbol":"EURUSD","symbolType":"FOREX","type":"Market",
             "qty":7,"side":"sell"}""";

    @Override
    protected Properties teOverrides() {
        Properties properties = generousBudget();
        properties.put("tradehook.webhook.max-in-flight", Integer.toString(LIMIT));
        return properties;
    }

    @Test
    void a_webhook_past_the_limit_is_refused_at_once_with_nothing_sent_and_its_resend_is_placed() throws Exception {
        Trader trader = traderAtTe(ACCOUNT_ID);
        warmUp(trader);
        te.reset();
        te.holdOrders();
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (http1; LogCapture log = LogCapture.start()) {
            List<CompletableFuture<Answer>> held = IntStream.range(0, LIMIT)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> placeEurUsd(trader, 100 + i), senders))
                    .toList();
            await().atMost(Duration.ofSeconds(10)).until(() -> te.heldOrders() == LIMIT);

            HttpResponse<String> refused = http1.send(alertRequest(trader, ALERT), HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(refused.body()).isEqualTo("""
                    {"s":"error","errmsg":"gateway busy: too many webhook requests at once, nothing was sent, retry later"}""");
            // only webhooks are counted: the panel is served meanwhile
            assertThat(http.send("/panel/panel.css", "GET", null, null).status()).isEqualTo(200);
            assertThat(te.received("POST", "/orders")).hasSize(LIMIT);
            assertThat(log.text()).contains("webhook requests answered 503 at once: tradehook.webhook.max-in-flight were"
                    + " being worked on (1 time since the last such line)");
            assertThat(metric("tradehook_webhook_in_flight")).isEqualTo("3.0");

            te.answerHeldOrders();
            assertThat(held).allSatisfy(answer -> assertThat(answer.join().status()).isEqualTo(200));

            // TradingView's resend: nothing of the refused request was claimed, so it is a first request and is placed
            HttpResponse<String> resent = http1.send(alertRequest(trader, ALERT), HttpResponse.BodyHandlers.ofString());
            assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        } finally {
            senders.shutdownNow();
        }
        assertThat(te.ordersPlaced()).isEqualTo(LIMIT + 1);
        assertThat(metric("tradehook_webhook_requests_total{action=\"none\",result=\"busy\",status=\"503\"}"))
                .isEqualTo("1.0");
        // every request counted in was counted out, the refused one included
        assertThat(metric("tradehook_webhook_in_flight")).isEqualTo("0.0");
    }

    @Test
    void senders_that_wait_for_each_answer_are_never_refused_at_the_limit() throws Exception {
        Trader trader = traderAtTe(ACCOUNT_ID);
        warmUp(trader);
        te.reset();
        // as a close over kept-alive connections: each sender's next alert leaves once the last is answered, so a
        // request is counted out before the next one of its connection is counted in
        try (HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<List<Integer>> statuses = Concurrently.run(LIMIT, sender -> IntStream.range(0, 20)
                    .mapToObj(i -> placed(http1, trader, 1000 + sender * 100 + i)).toList());

            assertThat(statuses).allSatisfy(sent -> assertThat(sent).containsOnly(200));
        }
        assertThat(te.ordersPlaced()).isEqualTo(LIMIT * 20);
        assertThat(metric("tradehook_webhook_requests_total{action=\"none\",result=\"busy\",status=\"503\"}"))
                .isEqualTo("0.0");
    }

    @Test
    void senders_holding_their_bodies_back_take_no_place_from_alerts() throws Exception {
        Trader trader = traderAtTe(ACCOUNT_ID);
        warmUp(trader);
        te.reset();
        // as many as the limit, each sending its request line and headers and then only the first byte of its body
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                Socket socket = new Socket("localhost", port());
                stalled.add(socket);
                socket.getOutputStream().write(("POST " + trader.webhookPath() + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }

            Answer alert = send(trader, ALERT);

            assertThat(alert.status()).as(alert.body()).isEqualTo(200);
            assertThat(metric("tradehook_webhook_in_flight")).isEqualTo("0.0");
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        assertThat(te.ordersPlaced()).isEqualTo(1);
    }

    private int placed(HttpClient client, Trader trader, int qty) {
        try {
            return client.send(alertRequest(trader, ALERT.replace("\"qty\":7", "\"qty\":" + qty)),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One series' value from the management port's Prometheus scrape. */
    private String metric(String series) {
        return metricsScrape().lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> line.substring(series.length() + 1)).orElse("absent: " + series);
    }
}
