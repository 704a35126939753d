package io.tradehook.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import org.junit.jupiter.api.Test;

/** tradehook.idempotency.duplicate-window = PT0S: identical orders are all placed; requestId still dedupes. */
class DuplicateWindowOffTest extends GatewayTestSupport {

    @Override
    protected Properties overrides() {
        return properties("tradehook.idempotency.duplicate-window", "PT0S");
    }

    @Test
    void identical_orders_without_request_id_are_each_placed() {
        Trader trader = users.subscribedTrader();
        String order = """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":1,"side":"buy"%s}""";
        for (int i = 0; i < 3; i++) {
            assertThat(http.postJson(trader.webhookPath(), order.formatted(trader.account(), "")).status()).isEqualTo(200);
        }
        assertThat(http.postJson(trader.webhookPath(), order.formatted(trader.account(), ",\"requestId\":\"x\"")).status()).isEqualTo(200);
        assertThat(http.postJson(trader.webhookPath(), order.formatted(trader.account(), ",\"requestId\":\"x\"")).status()).isEqualTo(200);

        assertThat(sql.number("select count(*) from paper_order")).isEqualTo(4);
    }
}
