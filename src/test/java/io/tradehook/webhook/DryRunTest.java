package io.tradehook.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/**
 * Test alerts ({@code "dryRun": true}): every check of the pipeline runs, the answer is the order the broker would
 * get, and nothing is sent, claimed or kept for resends; the request history says it was a dry run.
 */
class DryRunTest extends GatewayTestSupport {

    private static final String PLACE = """
            {"action":"place","accountName":"%s","symbol":"abc","type":"LIMIT","qty":"%s","side":"Buy","price":34,
             "dryRun":true}""";

    @Override
    protected Properties overrides() {
        return properties("tradehook.ratelimit.limit", "5", "tradehook.ratelimit.window", "P1D");
    }

    @Test
    void a_dry_run_answers_the_normalised_order_and_places_nothing() {
        Trader trader = users.subscribedTrader();

        Answer answer = http.postJson(trader.webhookPath(), PLACE.formatted(trader.account(), "5"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("s").asText()).isEqualTo("ok");
        assertThat(answer.json().at("/d/dryRun").asBoolean()).isTrue();
        assertThat(answer.json().at("/d/order").toString()).isEqualTo("{\"action\":\"place\",\"accountName\":\""
                + trader.account() + "\",\"symbol\":\"ABC\",\"type\":\"limit\",\"qty\":5,\"side\":\"buy\",\"price\":34}");
        assertThat(sql.paperOrdersOfUser(trader.userId())).isZero();
        assertThat(sql.string("select outcome from webhook_request where key_id = ?", trader.key().id()))
                .isEqualTo("dry-run");
        assertThat(sql.number("select status from webhook_request where key_id = ?", trader.key().id())).isEqualTo(200);
    }

    @Test
    void the_same_order_sent_for_real_after_its_dry_run_is_placed_not_taken_for_a_resend() {
        Trader trader = users.subscribedTrader();
        String dry = PLACE.formatted(trader.account(), "7");

        http.postJson(trader.webhookPath(), dry);
        http.postJson(trader.webhookPath(), dry);
        Answer real = http.postJson(trader.webhookPath(), dry.replace("\"dryRun\":true", "\"dryRun\":false"));

        assertThat(real.status()).isEqualTo(200);
        assertThat(real.json().at("/d/orderId").asText()).matches("[0-9]+");
        assertThat(sql.paperOrdersOfUser(trader.userId())).isEqualTo(1);
    }

    @Test
    void a_dry_run_runs_every_check_and_is_refused_as_the_real_order_would_be() {
        Trader trader = users.subscribedTrader();
        Trader stranger = users.subscribedTrader();
        // before the key's first request, so that no cached copy predates it
        sql.update("insert into webhook_key_restriction (key_id, max_qty) values (?, 2)", trader.key().id());

        Answer badKey = http.postJson("/webhook/" + trader.key().apiKey() + "/" + "A".repeat(43),
                PLACE.formatted(trader.account(), "1"));
        Answer badQty = http.postJson(trader.webhookPath(), PLACE.formatted(trader.account(), "-1"));
        Answer notTheirs = http.postJson(trader.webhookPath(), PLACE.formatted(stranger.account(), "1"));
        Answer notABoolean = http.postJson(trader.webhookPath(),
                PLACE.formatted(trader.account(), "1").replace("\"dryRun\":true", "\"dryRun\":\"yes\""));
        Answer restricted = http.postJson(trader.webhookPath(), PLACE.formatted(trader.account(), "3"));

        assertThat(badKey.status()).isEqualTo(401);
        assertThat(badQty.status()).isEqualTo(400);
        assertThat(badQty.errmsg()).contains("qty: must be greater than 0");
        assertThat(notTheirs.status()).isEqualTo(403);
        assertThat(notABoolean.status()).isEqualTo(400);
        assertThat(notABoolean.errmsg()).contains("dryRun");
        assertThat(restricted.status()).isEqualTo(403);
        assertThat(restricted.errmsg()).startsWith("qty: above the maximum quantity");
    }

    @Test
    void dry_runs_count_against_the_keys_rate_limit() {
        Trader trader = users.subscribedTrader();

        for (int i = 0; i < 5; i++) {
            assertThat(http.postJson(trader.webhookPath(), PLACE.formatted(trader.account(), 10 + i)).status())
                    .isEqualTo(200);
        }
        Answer sixth = http.postJson(trader.webhookPath(), PLACE.formatted(trader.account(), "20"));

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sql.paperOrdersOfUser(trader.userId())).isZero();
    }

    @Test
    void a_dry_run_cancel_names_its_order_in_the_history_and_cancels_nothing() {
        Trader trader = users.subscribedTrader();
        Answer placed = http.postJson(trader.webhookPath(), PLACE.formatted(trader.account(), "1")
                .replace(",\n \"dryRun\":true", ""));
        String orderId = placed.json().at("/d/orderId").asText();

        Answer cancel = http.postJson(trader.webhookPath(), """
                {"action":"cancel","accountName":"%s","orderId":%s,"dryRun":true}""".formatted(trader.account(), orderId));

        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json().at("/d/order/orderId").asText()).isEqualTo(orderId);
        assertThat(sql.string("select status from paper_order where id = ?", Long.parseLong(orderId)))
                .isEqualTo("working");
        assertThat(sql.string("select order_id from webhook_request where key_id = ? and outcome = 'dry-run'",
                trader.key().id())).isEqualTo(orderId);
    }
}
