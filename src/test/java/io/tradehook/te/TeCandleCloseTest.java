package io.tradehook.te;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.tradehook.support.Concurrently;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/**
 * A candle close through TE: many alerts at once, TE answering each order in 40 ms. A broker call holds no thread
 * while it waits, so the alerts are not capped by a thread pool or camel-http's 20 connections: every one is placed.
 */
class TeCandleCloseTest extends TeTestSupport {

    private static final int TRADERS = 12;
    private static final int ALERTS_PER_TRADER = 50;

    @Override
    protected java.util.Properties teOverrides() {
        return generousBudget();
    }

    @Test
    void a_burst_far_above_every_pool_size_is_placed_in_full_when_te_keeps_up() {
        List<Trader> traders = IntStream.range(0, TRADERS).mapToObj(i -> traderAtTe(ACCOUNT_ID)).toList();
        warmUp(traders.get(0));
        te.reset();
        te.slowOrders(Duration.ofMillis(40));
        int alerts = TRADERS * ALERTS_PER_TRADER;

        // 600 at once: thirty times camel-http's pool, three times tradehook.te.connections, far over the database's
        List<Answer> answers = Concurrently.run(alerts, i -> placeEurUsd(traders.get(i % TRADERS), 1 + i / TRADERS));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
        assertThat(answers.stream().map(a -> a.json().path("d").path("orderId").asText()).distinct()).hasSize(alerts);
        assertThat(te.ordersPlaced()).isEqualTo(alerts);
    }

    @Test
    void the_same_order_with_distinct_request_ids_at_the_same_moment_is_two_orders() {
        Trader trader = traderAtTe(ACCOUNT_ID);
        warmUp(trader);
        te.reset();
        // both are at TE together: the second must not be taken for a resend of the first, still in flight
        te.slowOrders(Duration.ofMillis(300));

        List<Answer> answers = Concurrently.run(2, i -> send(trader, """
                {"action":"place","accountName":"$ACCOUNT","symbol":"EURUSD","symbolType":"FOREX","type":"Market",
                 "qty":3,"side":"buy","requestId":"strategy-%d-signal-1"}""".formatted(i)));

        assertThat(answers).extracting(Answer::status).containsExactly(200, 200);
        assertThat(answers.get(0).json().path("d").path("orderId").asText())
                .isNotEqualTo(answers.get(1).json().path("d").path("orderId").asText());
        assertThat(te.ordersPlaced()).isEqualTo(2);
    }
}
