package io.tradehook.te;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import io.tradehook.support.Concurrently;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/**
 * Order calls are paced to the limit TE announces in {@code GET /config}: never more are sent, and an order whose
 * turn would come too late for the request's budget is answered 503 with Retry-After, nothing sent, its claim
 * released, so that its resend is placed.
 */
class TePacingTest extends TeTestSupport {

    private static final int ORDERS_PER_SECOND = 3;

    @Override
    protected Properties teOverrides() {
        // read by the gateway from /config at its start
        te.limitOrdersPerSecond(ORDERS_PER_SECOND);
        return new Properties();
    }

    @Test
    void orders_past_te_s_announced_limit_are_answered_503_with_retry_after_and_te_never_gets_more() throws Exception {
        List<Trader> traders = List.of(traderAtTe(ACCOUNT_ID), traderAtTe(ACCOUNT_ID));
        warmUp(traders.get(0));
        te.reset();
        int alerts = 4 * ORDERS_PER_SECOND;

        List<Answer> answers = Concurrently.run(alerts, i -> placeEurUsd(traders.get(i % 2), 100 + i));

        List<Answer> placed = answers.stream().filter(a -> a.status() == 200).toList();
        List<Answer> refused = answers.stream().filter(a -> a.status() != 200).toList();
        assertThat(placed).isNotEmpty();
        assertThat(refused).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.errmsg()).isEqualTo(TeClient.BUSY);
        });
        assertThat(te.maxOrdersInOneSecond()).isLessThanOrEqualTo(ORDERS_PER_SECOND);
        assertThat(te.ordersPlaced()).isEqualTo(placed.size());
        assertThat(rows("select count(*) from te_order_attempt where outcome = 'sending' or outcome = 'unknown'"))
                .containsExactly(List.of("0"));
    }

    @Test
    void a_refused_order_has_retry_after_and_its_resend_is_placed_once() throws Exception {
        Trader trader = traderAtTe(ACCOUNT_ID);
        warmUp(trader);
        te.reset();
        String alert = """
                {"action":"place","accountName":"$ACCOUNT","symbol":"EURUSD","symbolType":"FOREX","type":"Market",
                 "qty":%d,"side":"sell","requestId":"%s"}""";
        // the limit's turns for the next second are taken, so the last one finds none within its budget
        long fillersPlaced = Concurrently.run(ORDERS_PER_SECOND, i -> send(trader, alert.formatted(i + 1, "filler-" + i)))
                .stream().filter(a -> a.status() == 200).count();

        HttpResponse<String> refused = post(trader, alert.formatted(9, "the-one"));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(1L, 2L));

        // TradingView resends the same alert after a 5xx: once a turn is free it is placed, and only once
        AtomicReference<Answer> resent = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            resent.set(send(trader, alert.formatted(9, "the-one")));
            return resent.get().status() == 200;
        });
        assertThat(send(trader, alert.formatted(9, "the-one")).json().path("d").path("orderId").asText())
                .isEqualTo(resent.get().json().path("d").path("orderId").asText());
        assertThat(te.ordersPlaced()).isEqualTo(fillersPlaced + 1);
    }
}
