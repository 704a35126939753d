package io.tradehook.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.junit.jupiter.api.Test;

/** GET and PUT /api/keys/{id}/limits over real HTTP, and each limit refusing a webhook with a 403 naming it. */
class KeyLimitsApiTest extends GatewayTestSupport {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final String PLACE = """
            {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":%s,"side":"buy"}""";
    private static final String CANCEL = """
            {"action":"cancel","accountName":"%s","orderId":999999999}""";

    private ApiCaller as(Trader trader) {
        return ApiCaller.as(http, trader.login(), "secret-" + trader.login());
    }

    private Answer setLimits(Trader trader, String json) {
        return as(trader).call("PUT", "/api/keys/" + trader.key().id() + "/limits", json);
    }

    private Answer place(Trader trader, Object qty) {
        return http.postJson(trader.webhookPath(), PLACE.formatted(trader.account(), qty));
    }

    private Answer cancel(Trader trader) {
        return http.postJson(trader.webhookPath(), CANCEL.formatted(trader.account()));
    }

    /** A one-minute window twelve hours from now, on every day: now is never in it. */
    private static String closedWindow() {
        LocalTime start = LocalTime.now(ZoneOffset.UTC).plusHours(12).withSecond(0).withNano(0);
        return """
                {"days":["MON","TUE","WED","THU","FRI","SAT","SUN"],"from":"%s","to":"%s","timeZone":"UTC"}"""
                .formatted(start.format(HH_MM), start.plusMinutes(1).format(HH_MM));
    }

    @Test
    void a_key_without_limits_reads_every_limit_as_null() {
        Trader trader = users.subscribedTrader();

        Answer limits = as(trader).get("/api/keys/" + trader.key().id() + "/limits");

        assertThat(limits.status()).isEqualTo(200);
        assertThat(limits.json().toString()).isEqualTo("{\"accounts\":null,\"actions\":null,\"maxQty\":null,"
                + "\"sources\":null,\"ordersPerDay\":null,\"tradingWindow\":null}");
    }

    @Test
    void every_limit_set_is_read_back_as_set() {
        Trader trader = users.subscribedTrader();

        Answer saved = setLimits(trader, """
                {"accounts":["%s"],"actions":["PLACE","cancel"],"maxQty":2.5,"sources":["tradingview","10.0.0.0/8"],
                 "ordersPerDay":40,"tradingWindow":{"days":["fri","MON"],"from":"09:30","to":"16:00",
                 "timeZone":"America/New_York"}}""".formatted(trader.account()));
        JsonNode read = as(trader).get("/api/keys/" + trader.key().id() + "/limits").json();

        assertThat(saved.status()).isEqualTo(200);
        assertThat(read).isEqualTo(saved.json());
        assertThat(read.get("accounts").toString()).isEqualTo("[\"" + trader.account() + "\"]");
        assertThat(read.get("actions").toString()).isEqualTo("[\"place\",\"cancel\"]");
        assertThat(read.get("maxQty").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(read.get("sources").toString()).isEqualTo("[\"tradingview\",\"10.0.0.0/8\"]");
        assertThat(read.get("ordersPerDay").asInt()).isEqualTo(40);
        assertThat(read.get("tradingWindow").toString()).isEqualTo(
                "{\"days\":[\"MON\",\"FRI\"],\"from\":\"09:30\",\"to\":\"16:00\",\"timeZone\":\"America/New_York\"}");
    }

    @Test
    void an_empty_body_lifts_every_limit() {
        Trader trader = users.subscribedTrader();
        setLimits(trader, "{\"maxQty\":1}");
        assertThat(place(trader, 2).status()).isEqualTo(403);

        assertThat(setLimits(trader, "{}").status()).isEqualTo(200);

        assertThat(place(trader, 2).status()).isEqualTo(200);
        assertThat(sql.number("select count(*) from webhook_key_restriction where key_id = ?", trader.key().id()))
                .isZero();
    }

    @Test
    void accounts_actions_quantity_and_sources_set_by_the_api_refuse_with_403_naming_the_limit() {
        Trader trader = users.subscribedTrader();
        sql.update("insert into trading_account (user_id, name) values (?, ?)", trader.userId(), trader.login() + "-b");

        setLimits(trader, "{\"accounts\":[\"" + trader.login() + "-b\"]}");
        assertThat(place(trader, 1).errmsg()).isEqualTo("accountName: this account is not allowed for this key");
        setLimits(trader, "{\"actions\":[\"cancel\"]}");
        assertThat(place(trader, 1).errmsg()).isEqualTo("action: place is not allowed for this key");
        setLimits(trader, "{\"maxQty\":5}");
        Answer tooMuch = place(trader, 6);
        assertThat(tooMuch.status()).isEqualTo(403);
        assertThat(tooMuch.errmsg()).isEqualTo("qty: above the maximum quantity of this key (5)");
        assertThat(place(trader, 5).status()).isEqualTo(200);
        // the test client is not TradingView
        setLimits(trader, "{\"sources\":[\"tradingview\"]}");
        assertThat(place(trader, 1).errmsg()).isEqualTo("this key does not accept requests from this source address");
        setLimits(trader, "{\"sources\":[\"tradingview\",\"127.0.0.1\",\"::1\"]}");
        assertThat(place(trader, 1).status()).isEqualTo(200);
    }

    @Test
    void orders_per_day_refuses_the_place_past_the_limit_but_not_a_cancel() {
        Trader trader = users.subscribedTrader();
        setLimits(trader, "{\"ordersPerDay\":2}");

        assertThat(place(trader, 1).status()).isEqualTo(200);
        assertThat(place(trader, 2).status()).isEqualTo(200);
        Answer third = place(trader, 3);

        assertThat(third.status()).isEqualTo(403);
        assertThat(third.errmsg()).isEqualTo(
                "orders per day: this key placed its 2 orders of the day (the day starts at midnight Z)");
        assertThat(cancel(trader).status()).as("an unknown order, but the cancel reached the broker").isEqualTo(404);
    }

    @Test
    void outside_the_trading_window_a_place_is_refused_and_a_cancel_still_goes_through() {
        Trader trader = users.subscribedTrader();
        setLimits(trader, "{\"tradingWindow\":" + closedWindow() + "}");

        Answer place = place(trader, 1);

        assertThat(place.status()).isEqualTo(403);
        assertThat(place.errmsg()).isEqualTo(
                "trading window: outside this key's trading days and hours (a cancel is still accepted)");
        assertThat(cancel(trader).status()).isEqualTo(404);
    }

    @Test
    void inside_the_trading_window_a_place_goes_through() {
        Trader trader = users.subscribedTrader();
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        // two hours around now, overnight when now is near midnight
        setLimits(trader, """
                {"tradingWindow":{"days":["MON","TUE","WED","THU","FRI","SAT","SUN"],"from":"%s","to":"%s",
                 "timeZone":"UTC"}}""".formatted(now.minusHours(1).format(HH_MM), now.plusHours(1).format(HH_MM)));

        assertThat(place(trader, 1).status()).isEqualTo(200);
    }

    @Test
    void bad_limits_are_refused_with_400_naming_the_field() {
        Trader trader = users.subscribedTrader();
        String[][] cases = {
                {"{\"accounts\":[\"not-mine\"]}", "accounts: each must be one of your trading accounts"},
                {"{\"accounts\":[]}", "accounts must name at least one, or be null for no limit"},
                {"{\"accounts\":\"x\"}", "accounts must be a list of strings, or null for no limit"},
                {"{\"actions\":[\"buy\"]}", "actions: each must be place, modify or cancel"},
                {"{\"maxQty\":0}", "maxQty must be a number above 0, or null for no limit"},
                {"{\"maxQty\":\"5\"}", "maxQty must be a number above 0, or null for no limit"},
                {"{\"sources\":[\"300.1.1.1\"]}", "sources: each must be an IP address, a CIDR block such as "
                        + "10.0.0.0/8, or the preset tradingview"},
                {"{\"ordersPerDay\":0}", "ordersPerDay must be a whole number from 1 to 1000000, or null for no limit"},
                {"{\"ordersPerDay\":1.5}", "ordersPerDay must be a whole number from 1 to 1000000, or null for no limit"},
                {"{\"tradingWindow\":{\"from\":\"09:00\",\"to\":\"10:00\",\"timeZone\":\"UTC\"}}",
                        "tradingWindow.days is required: MON, TUE, WED, THU, FRI, SAT, SUN"},
                {"{\"tradingWindow\":{\"days\":[\"MO\"],\"from\":\"09:00\",\"to\":\"10:00\",\"timeZone\":\"UTC\"}}",
                        "tradingWindow.days: each must be MON, TUE, WED, THU, FRI, SAT or SUN"},
                {"{\"tradingWindow\":{\"days\":[\"MON\"],\"from\":\"9am\",\"to\":\"10:00\",\"timeZone\":\"UTC\"}}",
                        "tradingWindow.from must be a time of day as HH:mm, such as 09:30"},
                {"{\"tradingWindow\":{\"days\":[\"MON\"],\"from\":\"09:00\",\"to\":\"09:00\",\"timeZone\":\"UTC\"}}",
                        "tradingWindow: from and to must differ"},
                {"{\"tradingWindow\":{\"days\":[\"MON\"],\"from\":\"09:00\",\"to\":\"10:00\",\"timeZone\":\"Mars/Base\"}}",
                        "tradingWindow.timeZone must be a time zone such as America/New_York or UTC"},
                {"{\"tradingWindow\":{\"days\":[\"MON\"],\"from\":\"09:00\",\"to\":\"10:00\"}}",
                        "tradingWindow.timeZone is required, such as America/New_York or UTC"},
                {"{\"limit\":1}", "unknown field in the body; allowed: "},
                {"[1]", "the body must be a JSON object"},
        };
        for (String[] badCase : cases) {
            Answer answer = setLimits(trader, badCase[0]);
            assertThat(answer.status()).as(badCase[0]).isEqualTo(400);
            assertThat(answer.errmsg()).as(badCase[0]).startsWith(badCase[1]);
        }
        assertThat(as(trader).get("/api/keys/" + trader.key().id() + "/limits").json().get("maxQty").isNull()).isTrue();
    }

    @Test
    void the_limits_of_a_key_that_is_not_the_callers_are_404() {
        Trader owner = users.subscribedTrader();
        Trader stranger = users.subscribedTrader();

        assertThat(as(stranger).get("/api/keys/" + owner.key().id() + "/limits").status()).isEqualTo(404);
        assertThat(as(stranger).call("PUT", "/api/keys/" + owner.key().id() + "/limits", "{\"maxQty\":1}").status())
                .isEqualTo(404);
        assertThat(ApiCaller.anonymous(http).get("/api/keys/" + owner.key().id() + "/limits").status()).isEqualTo(401);
        assertThat(place(owner, 9).status()).isEqualTo(200);
    }

    @Test
    void limits_pauses_and_request_details_use_the_management_pool_only() {
        Trader trader = users.subscribedTrader();
        assertThat(place(trader, 1).status()).isEqualTo(200);
        long requestId = sql.number("select max(id) from webhook_request where key_id = ?", trader.key().id());
        String key = "/api/keys/" + trader.key().id();
        long webhookPool = acquisitions("tradehook");
        long apiPool = acquisitions("tradehook-api");

        assertThat(setLimits(trader, "{\"maxQty\":5}").status()).isEqualTo(200);
        assertThat(as(trader).get(key + "/limits").status()).isEqualTo(200);
        assertThat(as(trader).post(key + "/pause", null).status()).isEqualTo(200);
        assertThat(as(trader).post(key + "/resume", null).status()).isEqualTo(200);
        assertThat(as(trader).post("/api/keys/pause-all", null).status()).isEqualTo(200);
        assertThat(as(trader).post("/api/keys/resume-all", null).status()).isEqualTo(200);
        assertThat(as(trader).get("/api/requests/" + requestId).status()).isEqualTo(200);

        // the webhook path's pool is left to webhooks: every API call above took the management pool's connections
        assertThat(acquisitions("tradehook")).isEqualTo(webhookPool);
        assertThat(acquisitions("tradehook-api")).isGreaterThan(apiPool);
    }

    private long acquisitions(String pool) {
        MeterRegistry meters = context.getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        Timer timer = meters.find("hikaricp.connections.acquire").tag("pool", pool).timer();
        return timer == null ? 0 : timer.count();
    }
}
