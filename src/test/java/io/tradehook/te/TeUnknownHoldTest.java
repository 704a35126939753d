package io.tradehook.te;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.tradehook.support.Concurrently;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/**
 * TE's own guard against a second order after an unknown outcome: an identical place is held back for
 * {@code tradehook.te.unknown-hold}, beyond the idempotency window. The window is off here, so this layer alone
 * decides.
 */
class TeUnknownHoldTest extends TeTestSupport {

    @Override
    protected Properties teOverrides() {
        return properties(
                "tradehook.idempotency.duplicate-window", "PT0S",
                "tradehook.te.breaker.minimum-calls", "1000");
    }

    @Test
    void an_identical_place_while_the_first_is_still_at_te_is_another_order() {
        Trader trader = traderAtTe(ACCOUNT_ID);
        warmUp(trader);
        te.reset();
        te.slowOrders(Duration.ofMillis(500));

        // the duplicate window is off here: without a requestId, only an unknown outcome could hold it back
        List<Answer> answers = Concurrently.run(2, i -> placeEurUsd(trader, 8));

        assertThat(answers).extracting(Answer::status).containsExactly(200, 200);
        assertThat(te.ordersPlaced()).isEqualTo(2);
    }

    @Test
    void an_identical_place_after_an_unknown_outcome_is_held_back_and_te_sees_the_order_once() {
        Trader trader = traderAtTe(ACCOUNT_ID);
        warmUp(trader);
        int ordersBefore = te.received("POST", "/orders").size();
        te.slowOrders(Duration.ofSeconds(20));

        Answer placed = placeEurUsd(trader, 7);
        Answer resent = placeEurUsd(trader, 7);

        assertThat(placed.status()).isEqualTo(504);
        assertThat(placed.errmsg()).isEqualTo(TeClient.OUTCOME_UNKNOWN);
        assertThat(resent.status()).isEqualTo(409);
        assertThat(resent.errmsg()).isEqualTo(TeOrderAttempts.HELD);
        assertThat(te.received("POST", "/orders")).hasSize(ordersBefore + 1);
    }
}
