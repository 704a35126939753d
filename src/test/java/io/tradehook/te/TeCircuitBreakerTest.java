package io.tradehook.te;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** Repeated TE failures open the circuit: orders are refused at once without a call, until TE is back. */
class TeCircuitBreakerTest extends TeTestSupport {

    private final AtomicInteger qty = new AtomicInteger(100);

    @Override
    protected Properties teOverrides() {
        return properties(
                "tradehook.te.breaker.window", "4",
                "tradehook.te.breaker.minimum-calls", "4",
                "tradehook.te.breaker.failure-rate", "50",
                "tradehook.te.breaker.open-seconds", "1",
                "tradehook.te.breaker.probe-calls", "1");
    }

    @Test
    void the_circuit_opens_after_repeated_failures_and_closes_when_te_is_back() {
        Trader trader = traderAtTe(ACCOUNT_ID);
        warmUp(trader);
        te.failing(true);

        // each failing place is a different order, so none is held back as an unknown resend; the window holds
        // the last 4 calls, so the breaker opens after at most 4 failures
        int failures = 0;
        Answer answer = place(trader);
        while (answer.status() == 502 && failures < 4) {
            failures++;
            answer = place(trader);
        }
        assertThat(failures).isBetween(1, 4);
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.errmsg()).isEqualTo(TeClient.BREAKER_OPEN);

        int callsBefore = te.received().size();
        Answer refused = place(trader);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.errmsg()).isEqualTo(TeClient.BREAKER_OPEN);
        assertThat(te.received()).hasSize(callsBefore);

        te.failing(false);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> place(trader).status() == 200);
        assertThat(place(trader).status()).isEqualTo(200);
    }

    private Answer place(Trader trader) {
        return placeEurUsd(trader, qty.incrementAndGet());
    }
}
