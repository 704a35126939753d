package io.tradehook.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/**
 * Recipe: a second webhook source ({@code recipes/simple-alert.camel.yaml}, loaded as if copied into routes/) whose
 * simple buy/sell alerts take the same key check, mapping, validation and broker path as webhook orders.
 */
class SimpleAlertRecipeTest extends GatewayTestSupport {

    @Override
    protected Properties overrides() {
        Properties properties = new Properties();
        properties.put("camel.main.routes-include-pattern", "file:routes/*.camel.yaml,"
                + "file:routes/brokers/{{tradehook.broker}}.camel.yaml,file:recipes/simple-alert.camel.yaml");
        properties.put("tradehook.symbols.file", "recipes/symbols.json");
        return properties;
    }

    private String alertPath(Trader trader) {
        return "/alerts/simple/" + trader.key().apiKey() + "/" + trader.key().secretKey();
    }

    @Test
    void simple_buy_alert_places_a_market_order_on_the_broker() throws Exception {
        Trader trader = users.subscribedTrader();
        Answer answer = http.send(alertPath(trader), "POST", "text/plain", """
                {"ticker":"BINANCE:BTCUSDT","action":"BUY","contracts":"2","account":"%s"}""".formatted(trader.account()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("s").asText()).isEqualTo("ok");
        String orderId = answer.json().at("/d/orderId").asText();
        assertThat(answer.json().at("/d/symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(answer.json().at("/d/type").asText()).isEqualTo("market");
        assertThat(answer.json().at("/d/qty").asInt()).isEqualTo(2);
        assertThat(query("select (fields->>'symbol') || ' ' || (fields->>'side') from paper_order where id = " + Long.parseLong(orderId)))
                .isEqualTo("BTCUSDT buy");
        assertThat(query("select action || ' ' || status from webhook_request where order_id = '" + orderId + "'"))
                .isEqualTo("place 200");
    }

    @Test
    void alert_with_a_price_is_a_limit_order() {
        Trader trader = users.subscribedTrader();
        Answer answer = http.postJson(alertPath(trader), """
                {"ticker":"ABC","action":"sell","contracts":1,"price":12.5,"account":"%s"}""".formatted(trader.account()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().at("/d/type").asText()).isEqualTo("limit");
        assertThat(answer.json().at("/d/price").decimalValue()).isEqualByComparingTo("12.5");
    }

    @Test
    void same_checks_apply_bad_key_bad_alert_and_foreign_account() {
        Trader trader = users.subscribedTrader();
        Trader other = users.subscribedTrader();
        Answer badKey = http.postJson("/alerts/simple/" + trader.key().apiKey() + "/" + "B".repeat(43), "{}");
        assertThat(badKey.status()).isEqualTo(401);
        assertThat(badKey.errmsg()).isEqualTo("invalid webhook key");

        Answer hold = http.postJson(alertPath(trader), """
                {"ticker":"ABC","action":"hold","contracts":1,"account":"%s"}""".formatted(trader.account()));
        assertThat(hold.status()).isEqualTo(400);
        assertThat(hold.errmsg()).isEqualTo("simple alert: action must be buy or sell");

        Answer zero = http.postJson(alertPath(trader), """
                {"ticker":"ABC","action":"buy","contracts":0,"account":"%s"}""".formatted(trader.account()));
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.errmsg()).startsWith("invalid place order: qty:");

        Answer foreign = http.postJson(alertPath(trader), """
                {"ticker":"ABC","action":"buy","contracts":1,"account":"%s"}""".formatted(other.account()));
        assertThat(foreign.status()).isEqualTo(403);
    }

    private String query(String sql) throws Exception {
        try (var c = dataSource().getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }
}
