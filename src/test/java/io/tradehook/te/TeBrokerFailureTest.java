package io.tradehook.te;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/**
 * A slow or dead TE becomes a prompt 5xx envelope well inside TradingView's 3 s, and a place whose outcome is
 * unknown is recorded so and never sent again. The breaker is kept out of the way here (TeCircuitBreakerTest).
 */
class TeBrokerFailureTest extends TeTestSupport {

    /**
     * TradingView cancels a request after 3 s and the budget answers in about 2.2 s at worst; the bound is looser
     * so a loaded test machine does not fail it, yet far below the 20 s the slow TE takes.
     */
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(5);

    @Override
    protected Properties teOverrides() {
        return properties(
                "tradehook.te.breaker.minimum-calls", "1000",
                "tradehook.te.breaker.window", "1000");
    }

    @Test
    void a_place_te_does_not_answer_in_time_is_504_recorded_unknown_and_its_resend_never_reaches_te() throws Exception {
        Trader trader = traderAtTe(ACCOUNT_ID);
        warmUp(trader);
        int ordersBefore = te.received("POST", "/orders").size();
        te.slowOrders(Duration.ofSeconds(20));

        Answer placed = answeredWithin(ANSWER_LIMIT, () -> placeEurUsd(trader, 7));

        assertThat(placed.status()).isEqualTo(504);
        assertThat(placed.errmsg()).isEqualTo(TeClient.OUTCOME_UNKNOWN);
        assertThat(rows("select outcome from te_order_attempt where account_name = ? order by id", trader.account()))
                .last().isEqualTo(List.of("unknown"));
        assertThat(rows("select status, outcome from webhook_request where account_name = ? order by id",
                trader.account())).last().isEqualTo(List.of("504", "unknown"));

        // TradingView resends after a 5xx: the idempotency claim (marked unknown) refuses it before TE's own hold
        // would, and TE sees the order once
        Answer resent = answeredWithin(ANSWER_LIMIT, () -> placeEurUsd(trader, 7));

        assertThat(resent.status()).isEqualTo(409);
        assertThat(resent.errmsg()).contains("unknown outcome").contains("not sent");
        assertThat(te.received("POST", "/orders")).hasSize(ordersBefore + 1);
        assertThat(rows("select count(*) from te_order_attempt where account_name = ? and outcome = 'unknown'",
                trader.account())).containsExactly(List.of("1"));
    }

    @Test
    void a_different_order_is_not_held_back_by_an_unknown_one() {
        Trader trader = traderAtTe(ACCOUNT_ID);
        warmUp(trader);
        te.slowOrders(Duration.ofSeconds(20));
        assertThat(placeEurUsd(trader, 8).status()).isEqualTo(504);
        te.slowOrders(Duration.ZERO);

        assertThat(placeEurUsd(trader, 9).status()).isEqualTo(200);
    }

    @Test
    void te_down_is_503_at_once_and_the_order_is_recorded_as_not_placed() throws Exception {
        Trader trader = traderAtTe(ACCOUNT_ID);
        warmUp(trader);
        int ordersBefore = te.received("POST", "/orders").size();
        te.stop();
        try {
            Answer placed = answeredWithin(Duration.ofSeconds(2), () -> placeEurUsd(trader, 10));

            assertThat(placed.status()).isEqualTo(503);
            assertThat(placed.json().toString()).isEqualTo(
                    "{\"s\":\"error\",\"errmsg\":\"" + TeClient.UNAVAILABLE + "\"}");
            assertThat(rows("select outcome from te_order_attempt where account_name = ? order by id",
                    trader.account())).last().isEqualTo(List.of("failed"));
        } finally {
            te.start();
        }
        // nothing reached TE, so the resend TradingView makes after a 5xx is placed, not refused as a duplicate
        assertThat(placeEurUsd(trader, 10).status()).isEqualTo(200);
        assertThat(te.received("POST", "/orders")).hasSize(ordersBefore + 1);
    }

    @Test
    void te_failing_with_500_on_a_place_is_502_with_an_unknown_outcome() throws Exception {
        Trader trader = traderAtTe(ACCOUNT_ID);
        warmUp(trader);
        int ordersBefore = te.received("POST", "/orders").size();
        te.failing(true);

        Answer placed = placeEurUsd(trader, 11);

        assertThat(placed.status()).isEqualTo(502);
        assertThat(placed.errmsg()).isEqualTo(TeClient.OUTCOME_UNKNOWN);
        assertThat(te.received("POST", "/orders")).hasSize(ordersBefore + 1);
        assertThat(placed.body()).doesNotContain("500").doesNotContain("localhost").doesNotContain("Exception");
    }

    /** Sends on another thread and waits at most {@code limit} for the answer. */
    private static Answer answeredWithin(Duration limit, java.util.function.Supplier<Answer> send) throws Exception {
        CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(send);
        await().atMost(limit).until(answer::isDone);
        return answer.get();
    }
}
