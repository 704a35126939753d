package io.tradehook.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** With tradehook.webhook.max-signal-age set, an order whose timestamp is too old is refused. */
class SignalAgeTest extends GatewayTestSupport {

    @Override
    protected Properties overrides() {
        return properties("tradehook.webhook.max-signal-age", "PT1M");
    }

    private Answer place(Trader trader, String timestamp) {
        return http.postJson(trader.webhookPath(), """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":1,"side":"buy"%s}"""
                .formatted(trader.account(), timestamp == null ? "" : ",\"timestamp\":" + timestamp));
    }

    @Test
    void a_fresh_iso_timestamp_like_tradingview_timenow_is_accepted() {
        Trader trader = users.subscribedTrader();
        String now = "\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"";
        assertThat(place(trader, now).status()).isEqualTo(200);
    }

    @Test
    void a_fresh_epoch_millisecond_timestamp_is_accepted() {
        Trader trader = users.subscribedTrader();
        assertThat(place(trader, Long.toString(Instant.now().toEpochMilli())).status()).isEqualTo(200);
    }

    @Test
    void an_order_without_timestamp_is_not_checked() {
        assertThat(place(users.subscribedTrader(), null).status()).isEqualTo(200);
    }

    @Test
    void a_stale_signal_is_refused_naming_the_limit() {
        Trader trader = users.subscribedTrader();
        Answer iso = place(trader, "\"" + Instant.now().minus(2, ChronoUnit.HOURS) + "\"");
        Answer epoch = place(trader, Long.toString(Instant.now().minus(2, ChronoUnit.HOURS).toEpochMilli()));

        assertThat(iso.status()).isEqualTo(400);
        assertThat(iso.errmsg()).isEqualTo("timestamp: the signal is older than 60 s and was not sent");
        assertThat(epoch.status()).isEqualTo(400);
    }

    @Test
    void a_timestamp_far_in_the_future_is_refused() {
        Trader trader = users.subscribedTrader();
        Answer answer = place(trader, "\"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errmsg()).isEqualTo("timestamp: lies more than 60 s in the future");
    }

    @Test
    void a_timestamp_that_is_not_a_date_is_a_schema_error() {
        Answer answer = place(users.subscribedTrader(), "\"yesterday\"");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errmsg()).startsWith("invalid place order: timestamp: must be an ISO-8601 date-time");
    }
}
