package io.tradehook.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;

import io.tradehook.support.Concurrently;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/**
 * Recipe: a second alert source ({@code recipes/simple-alert.camel.yaml}, loaded as if copied into routes/) whose
 * simple buy/sell alerts go through the one order pipeline of /webhook/: for the same key, the source refuses what
 * /webhook/ refuses, with the same answer. A source that forgets to authenticate its key gets nothing through.
 */
class SimpleAlertRecipeTest extends GatewayTestSupport {

    private static final int LIMIT = 6;

    @Override
    protected Properties overrides() {
        Properties properties = properties(
                "camel.main.routes-include-pattern", "file:routes/*.camel.yaml,"
                        + "file:routes/brokers/{{tradehook.broker}}.camel.yaml,file:recipes/simple-alert.camel.yaml,"
                        + "file:src/test/resources/recipes/unauthenticated-source.camel.yaml",
                "tradehook.symbols.file", "recipes/symbols.json",
                "tradehook.webhook.max-signal-age", "PT1M",
                // one window for the whole test class
                "tradehook.ratelimit.limit", Integer.toString(LIMIT),
                "tradehook.ratelimit.window", "P1D");
        return properties;
    }

    private String alertPath(Trader trader) {
        return "/alerts/simple/" + trader.key().apiKey() + "/" + trader.key().secretKey();
    }

    /** A simple alert, and the /webhook/ order it stands for. */
    private record Alert(String simple, String webhook) {
    }

    private static Alert buy(Trader trader, String qty, String extra) {
        return new Alert("""
                {"ticker":"ABC","action":"buy","contracts":%s,"account":"%s"%s}""".formatted(qty, trader.account(), extra),
                """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":%s,"side":"buy"%s}"""
                        .formatted(trader.account(), qty, extra));
    }

    private Answer viaSimpleAlert(Trader trader, Alert alert) {
        return http.postJson(alertPath(trader), alert.simple());
    }

    private Answer viaWebhook(Trader trader, Alert alert) {
        return http.postJson(trader.webhookPath(), alert.webhook());
    }

    private long orders(Trader trader) {
        return sql.number("""
                select count(*) from paper_order o join trading_account a on a.id = o.account_id where a.name = ?""",
                trader.account());
    }

    private void restrict(Trader trader, String column, Object value) {
        sql.update("insert into webhook_key_restriction (key_id, " + column + ") values (?, ?)", trader.key().id(), value);
    }

    @Test
    void simple_buy_alert_places_a_market_order_on_the_broker() {
        Trader trader = users.subscribedTrader();
        Answer answer = http.send(alertPath(trader), "POST", "text/plain", """
                {"ticker":"BINANCE:BTCUSDT","action":"BUY","contracts":"2","account":"%s"}""".formatted(trader.account()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("s").asText()).isEqualTo("ok");
        String orderId = answer.json().at("/d/orderId").asText();
        assertThat(answer.json().at("/d/symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(answer.json().at("/d/type").asText()).isEqualTo("market");
        assertThat(answer.json().at("/d/qty").asInt()).isEqualTo(2);
        assertThat(sql.string("select (fields->>'symbol') || ' ' || (fields->>'side') from paper_order where id = ?",
                Long.parseLong(orderId))).isEqualTo("BTCUSDT buy");
        assertThat(sql.string("select action || ' ' || status from webhook_request where order_id = ?", orderId))
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

    @Test
    void a_key_restricted_by_action_account_or_quantity_is_refused_as_on_the_webhook_path() {
        Trader noPlace = users.subscribedTrader();
        restrict(noPlace, "allowed_actions", new String[] {"cancel", "modify"});
        Trader otherAccount = users.subscribedTrader();
        restrict(otherAccount, "allowed_accounts", new String[] {"some-other-account"});
        Trader upToTen = users.subscribedTrader();
        restrict(upToTen, "max_qty", new BigDecimal("10"));

        for (Trader trader : List.of(noPlace, otherAccount, upToTen)) {
            Alert alert = buy(trader, "11", "");
            Answer simple = viaSimpleAlert(trader, alert);
            Answer webhook = viaWebhook(trader, alert);

            assertThat(simple.status()).as(simple.body()).isEqualTo(403);
            assertThat(simple.body()).isEqualTo(webhook.body());
            assertThat(webhook.status()).isEqualTo(403);
            assertThat(orders(trader)).isZero();
        }
        assertThat(viaSimpleAlert(upToTen, buy(upToTen, "10", "")).status()).isEqualTo(200);
    }

    @Test
    void the_rate_limit_counts_the_alerts_of_both_sources_against_the_key() throws Exception {
        Trader trader = users.subscribedTrader();
        for (int i = 0; i < LIMIT; i++) {
            Alert alert = buy(trader, Integer.toString(i + 1), "");
            Answer answer = i % 2 == 0 ? viaSimpleAlert(trader, alert) : viaWebhook(trader, alert);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }

        HttpResponse<String> simple = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(http.baseUrl() + alertPath(trader)))
                        .POST(HttpRequest.BodyPublishers.ofString(buy(trader, "99", "").simple())).build(),
                HttpResponse.BodyHandlers.ofString());
        Answer webhook = viaWebhook(trader, buy(trader, "98", ""));

        assertThat(simple.statusCode()).isEqualTo(429);
        assertThat(simple.headers().firstValue("Retry-After")).isPresent();
        assertThat(simple.body()).contains("rate limit exceeded: at most " + LIMIT + " requests per");
        assertThat(webhook.status()).isEqualTo(429);
        assertThat(orders(trader)).isEqualTo(LIMIT);
    }

    @Test
    void concurrent_identical_alerts_place_one_order_and_all_get_its_answer() {
        Trader trader = users.subscribedTrader();
        Alert alert = buy(trader, "3", "");
        List<Answer> answers = Concurrently.run(LIMIT, i -> viaSimpleAlert(trader, alert));

        assertThat(orders(trader)).isEqualTo(1);
        assertThat(answers).extracting(Answer::status).containsOnly(200);
        assertThat(answers).extracting(Answer::body).containsOnly(answers.get(0).body());
        assertThat(sql.number("select count(*) from webhook_request where key_id = ? and outcome = 'duplicate'",
                trader.key().id())).isEqualTo(LIMIT - 1);
    }

    @Test
    void a_resend_with_the_same_request_id_gets_the_first_answer_whichever_source_sent_it() {
        Trader trader = users.subscribedTrader();
        Answer first = viaSimpleAlert(trader, buy(trader, "1", ",\"requestId\":\"signal-7\""));
        Answer resend = viaWebhook(trader, buy(trader, "2", ",\"requestId\":\"signal-7\""));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(resend.body()).isEqualTo(first.body());
        assertThat(orders(trader)).isEqualTo(1);
    }

    @Test
    void a_stale_signal_is_refused_as_on_the_webhook_path() {
        Trader trader = users.subscribedTrader();
        Alert stale = buy(trader, "1", ",\"timestamp\":\"" + Instant.now().minus(2, ChronoUnit.HOURS) + "\"");
        Answer simple = viaSimpleAlert(trader, stale);
        Answer webhook = viaWebhook(trader, stale);

        assertThat(simple.status()).isEqualTo(400);
        assertThat(simple.errmsg()).isEqualTo("timestamp: the signal is older than 60 s and was not sent");
        assertThat(simple.body()).isEqualTo(webhook.body());
        assertThat(orders(trader)).isZero();

        Alert fresh = buy(trader, "1", ",\"timestamp\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"");
        assertThat(viaSimpleAlert(trader, fresh).status()).isEqualTo(200);
    }

    @Test
    void a_source_that_skips_key_authentication_gets_nothing_through_the_pipeline() {
        Trader trader = users.subscribedTrader();
        Answer answer = http.postJson("/alerts/unchecked/" + trader.key().apiKey() + "/" + trader.key().secretKey(),
                buy(trader, "1", "").simple());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.errmsg()).isEqualTo("invalid webhook key");
        assertThat(orders(trader)).isZero();
    }
}
