package io.tradehook.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** POST /api/keys/{id}/test-alert: the panel's test alert, a dry run down the one order pipeline. */
class TestAlertApiTest extends GatewayTestSupport {

    private static final String PLACE = """
            {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":%d,"side":"buy"%s}""";

    private ApiCaller as(Trader trader) {
        return ApiCaller.as(http, trader.login(), "secret-" + trader.login());
    }

    private Answer testAlert(Trader trader, String body) {
        return as(trader).post("/api/keys/" + trader.key().id() + "/test-alert", body);
    }

    @Test
    void a_test_alert_is_a_dry_run_even_when_its_message_says_otherwise() {
        Trader trader = users.subscribedTrader();

        Answer answer = testAlert(trader, PLACE.formatted(trader.account(), 3, ",\"dryRun\":false"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().at("/d/dryRun").asBoolean()).isTrue();
        assertThat(answer.json().at("/d/order/qty").asInt()).isEqualTo(3);
        assertThat(sql.paperOrdersOfUser(trader.userId())).isZero();
        assertThat(sql.string("select outcome || ' ' || source_address from webhook_request where key_id = ?",
                trader.key().id())).isEqualTo("dry-run panel");
    }

    @Test
    void a_test_alert_meets_every_limit_but_the_source_addresses() {
        Trader trader = users.subscribedTrader();
        sql.update("insert into webhook_key_restriction (key_id, max_qty, allowed_sources) values (?, 2, ?)",
                trader.key().id(), new String[] {"tradingview"});

        Answer small = testAlert(trader, PLACE.formatted(trader.account(), 2, ""));
        Answer large = testAlert(trader, PLACE.formatted(trader.account(), 3, ""));

        assertThat(small.status()).isEqualTo(200);
        assertThat(large.status()).isEqualTo(403);
        assertThat(large.errmsg()).isEqualTo("qty: above the maximum quantity of this key (2)");
    }

    @Test
    void a_bad_message_gets_the_webhooks_400() {
        Trader trader = users.subscribedTrader();

        Answer broken = testAlert(trader, "{\"action\":\"place\",");
        Answer invalid = testAlert(trader, PLACE.formatted(trader.account(), 0, ""));

        assertThat(broken.status()).isEqualTo(400);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errmsg()).contains("qty: must be greater than 0");
    }

    @Test
    void a_test_alert_with_a_key_that_is_not_the_callers_is_404_and_without_login_401() {
        Trader owner = users.subscribedTrader();
        Trader stranger = users.subscribedTrader();

        Answer answer = as(stranger).post("/api/keys/" + owner.key().id() + "/test-alert",
                PLACE.formatted(stranger.account(), 1, ""));
        Answer anonymous = ApiCaller.anonymous(http).post("/api/keys/" + owner.key().id() + "/test-alert",
                PLACE.formatted(owner.account(), 1, ""));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errmsg()).isEqualTo("no such key");
        assertThat(anonymous.status()).isEqualTo(401);
    }
}
