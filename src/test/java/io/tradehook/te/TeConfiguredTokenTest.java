package io.tradehook.te;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** With {@code tradehook.te.token} set, that token is used as it is, and TE refusing it is final. */
class TeConfiguredTokenTest extends TeTestSupport {

    private static final String TOKEN = "installation-issued-token-7f3a";

    @Override
    protected Properties teOverrides() {
        te.acceptToken(TOKEN);
        Properties properties = generousBudget();
        properties.put("tradehook.te.token", TOKEN);
        properties.put("tradehook.te.login", "");
        properties.put("tradehook.te.password", "");
        return properties;
    }

    @Test
    void the_configured_token_is_sent_and_no_sign_in_happens() {
        Trader trader = traderAtTe(ACCOUNT_ID);

        assertThat(placeEurUsd(trader, 1).status()).isEqualTo(200);

        assertThat(te.received()).allSatisfy(r -> assertThat(r.headers().get("authorization")).isEqualTo("Bearer " + TOKEN));
        assertThat(te.tokensIssued()).isZero();
    }

    @Test
    void a_refused_configured_token_is_502_without_internals_and_sent_once() {
        Trader trader = traderAtTe(ACCOUNT_ID);
        assertThat(placeEurUsd(trader, 2).status()).isEqualTo(200);
        te.revokeTokens();

        Answer placed = placeEurUsd(trader, 3);

        assertThat(placed.status()).isEqualTo(502);
        assertThat(placed.errmsg()).isEqualTo(TeToken.SIGN_IN_REFUSED);
        assertThat(placed.body()).doesNotContain(TOKEN);
        assertThat(te.received("POST", "/orders")).hasSize(2);
        assertThat(te.tokensIssued()).isZero();
    }
}
