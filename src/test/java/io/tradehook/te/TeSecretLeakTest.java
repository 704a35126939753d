package io.tradehook.te;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import io.tradehook.support.LogCapture;
import io.tradehook.support.TestUsers.Trader;
import org.junit.jupiter.api.Test;

/**
 * With Camel tracing on and everything at DEBUG, the TE broker's sign-in (login and password in its query) and the
 * Bearer token it gets back appear in no log line or trace.
 */
class TeSecretLeakTest extends TeTestSupport {

    @Override
    protected Properties teOverrides() {
        Properties properties = generousBudget();
        properties.put("camel.main.tracing", "true");
        return properties;
    }

    @Test
    void te_password_and_token_appear_in_no_log_line_or_trace() {
        Trader trader = traderAtTe(ACCOUNT_ID);
        String logs;
        try (LogCapture capture = LogCapture.start("")) {
            warmUp(trader);
            te.revokeTokens();
            assertThat(placeEurUsd(trader, 7).status()).isEqualTo(200);
            logs = capture.text();
        }

        assertThat(te.tokensIssued()).as("signed in twice").isGreaterThanOrEqualTo(2);
        assertThat(logs).as("tracing printed the place on its way to TE").contains("bean[ref:teOrders method:place");
        assertThat(logs).doesNotContain(FakeTe.PASSWORD).doesNotContain("te-token-");
    }
}
