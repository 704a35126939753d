package io.tradehook.webhook;

import static io.tradehook.support.OrderJson.cancel;
import static io.tradehook.support.OrderJson.limitOrder;
import static io.tradehook.support.OrderJson.marketOrder;
import static io.tradehook.support.OrderJson.modify;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.OrderJson;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of the order schemas and of strict parsing, one invalid body each: 400, an {@code errmsg} naming the
 * failing field(s), and never the offending value (each table row plants {@value #PLANTED} where a value is wrong).
 * Validation runs before the account check, so the table needs no real account.
 */
class OrderValidationTest extends GatewayTestSupport {

    static final String PLANTED = "ZZTOPVALUE";
    private static final String ACCOUNT = "any-account";
    private static final long FUTURE_MS = 4_102_444_800_000L; // 2100-01-01

    /** One invalid body, the rule it breaks, and the words errmsg must contain (field names, mostly). */
    record Invalid(String rule, String body, List<String> named) {

        static Invalid of(String rule, OrderJson body, String... named) {
            return new Invalid(rule, body.json(), List.of(named));
        }

        static Invalid raw(String rule, String body, String... named) {
            return new Invalid(rule, body, List.of(named));
        }

        @Override
        public String toString() {
            return rule;
        }
    }

    private Trader trader;

    static Stream<Invalid> invalidBodies() {
        OrderJson limit = limitOrder(ACCOUNT);
        OrderJson modify = modify(ACCOUNT, 7).with("price", 35);
        OrderJson cancel = cancel(ACCOUNT, 7);
        return Stream.of(
                // required fields, per action
                Invalid.of("place without accountName", limit.without("accountName"), "accountName: is required"),
                Invalid.of("place without symbol", limit.without("symbol"), "symbol: is required"),
                Invalid.of("place without type", limit.without("type"), "type: is required"),
                Invalid.of("place without qty", limit.without("qty"), "qty: is required"),
                Invalid.of("place without side", limit.without("side"), "side: is required"),
                Invalid.of("place without several required fields names them all", limit.without("symbol", "side", "qty"),
                        "symbol", "side", "qty"),
                Invalid.of("modify without accountName", modify.without("accountName"), "accountName: is required"),
                Invalid.of("modify without orderId", modify.without("orderId"), "orderId: is required"),
                Invalid.of("cancel without accountName", cancel.without("accountName"), "accountName: is required"),
                Invalid.of("cancel without orderId", cancel.without("orderId"), "orderId: is required"),

                // wrong types
                Invalid.of("qty as a word", limit.with("qty", PLANTED), "qty"),
                Invalid.of("qty as a boolean", limit.with("qty", true), "qty"),
                Invalid.of("price as an object", limit.with("price", Map.of("value", PLANTED)), "price"),
                Invalid.of("stopPrice as a list", limit.with("stopPrice", List.of(PLANTED)), "stopPrice"),
                Invalid.of("symbol as a number", limit.with("symbol", 12345), "symbol"),
                Invalid.of("accountName as a list", limit.with("accountName", List.of(PLANTED)), "accountName"),
                Invalid.of("accountName empty", limit.with("accountName", ""), "accountName"),
                Invalid.of("accountName with control characters", limit.with("accountName", PLANTED + "\u0007"), "accountName"),
                Invalid.of("symbol that is not an instrument name", limit.with("symbol", PLANTED + " <b>"), "symbol"),
                Invalid.of("field set to null", limit.with("side", null), "side"),
                Invalid.of("expireDate with decimals", limit.with("validity", "GTD").with("expireDate", 1.5), "expireDate"),
                Invalid.of("expireDate as a word", limit.with("validity", "GTD").with("expireDate", PLANTED), "expireDate"),
                Invalid.of("contractMonth that is not a date", limit.with("contractMonth", PLANTED), "contractMonth"),
                Invalid.of("isin that is not an ISIN", limit.with("isin", PLANTED), "isin"),
                Invalid.of("userComment longer than 256", limit.with("type", "Care").with("userComment", PLANTED.repeat(26)),
                        "userComment"),
                Invalid.of("orderId as a word", modify.with("orderId", PLANTED), "orderId"),
                Invalid.of("orderId with decimals", cancel.with("orderId", 7.5), "orderId"),
                Invalid.of("orderId zero", cancel.with("orderId", 0), "orderId"),

                // unknown fields
                Invalid.of("place with an unknown field", limit.with("colour", PLANTED), "colour"),
                Invalid.of("cancel with a place field", cancel.with("price", 34), "price"),
                Invalid.of("modify with a place-only field", modify.with("symbol", "ABC"), "symbol"),
                Invalid.of("unknown field whose name is not an identifier is described, not echoed",
                        limit.with(PLANTED + " <script>", 1), "field name that is not an identifier"),

                // enum values out of their list
                Invalid.of("side out of list", limit.with("side", PLANTED), "side"),
                Invalid.of("type out of list", limit.with("type", PLANTED), "type"),
                Invalid.of("symbolType out of list", limit.with("symbolType", PLANTED), "symbolType"),
                Invalid.of("validity out of list", limit.with("validity", PLANTED), "validity"),
                Invalid.of("strikeType out of list", limit.with("strikeType", PLANTED), "strikeType"),
                Invalid.of("stopLossType out of list", limit.with("stopLossType", PLANTED), "stopLossType"),
                Invalid.of("takeProfitType out of list (tr. offset is for stop loss only)",
                        limit.with("takeProfitType", "tr. offset"), "takeProfitType"),

                // rules between fields
                Invalid.of("FUTURES without contractMonth", limit.with("symbolType", "FUTURES"), "contractMonth"),
                Invalid.of("FUTURES_CFD without contractMonth", limit.with("symbolType", "FUTURES_CFD"), "contractMonth"),
                Invalid.of("OPTIONS without contractMonth", limit.with("symbolType", "OPTIONS")
                        .with("strikePrice", 100).with("strikeType", "call"), "contractMonth"),
                Invalid.of("OPTIONS without strikePrice and strikeType", limit.with("symbolType", "OPTIONS")
                        .with("contractMonth", "2026-12"), "strikePrice", "strikeType"),
                Invalid.of("OPTIONS without strikeType", limit.with("symbolType", "OPTIONS").with("contractMonth", "2026-12")
                        .with("strikePrice", 100), "strikeType"),
                Invalid.of("Limit without price", limit.without("price"), "price"),
                Invalid.of("Stop limit without price", limit.with("type", "Stop limit").without("price")
                        .with("stopPrice", 33), "price"),
                Invalid.of("Stop limit without stopPrice", limit.with("type", "Stop limit"), "stopPrice"),
                Invalid.of("Stop without stopPrice", limit.with("type", "Stop").without("price"), "stopPrice"),
                Invalid.of("Trailing stop without trStopOffset", limit.with("type", "Trailing stop").without("price"),
                        "trStopOffset"),
                Invalid.of("expireDate without validity", limit.with("expireDate", FUTURE_MS), "validity", "GTD"),
                Invalid.of("expireDate with validity other than GTD", limit.with("validity", "DAY")
                        .with("expireDate", FUTURE_MS), "validity", "GTD"),
                Invalid.of("GTD without expireDate", limit.with("validity", "GTD"), "expireDate"),
                Invalid.of("modify to GTD without expireDate", modify.with("validity", "GTD"), "expireDate"),
                Invalid.of("modify expireDate with validity other than GTD", modify.with("validity", "GTC")
                        .with("expireDate", FUTURE_MS), "validity", "GTD"),
                Invalid.of("userComment on a Limit order", limit.with("userComment", PLANTED), "type", "userComment", "Care"),

                // quantities
                Invalid.of("qty 0", limit.with("qty", 0), "qty"),
                Invalid.of("qty negative", limit.with("qty", -5), "qty"),
                Invalid.of("qty 0 sent as a string", limit.with("qty", "0"), "qty"),
                Invalid.of("modify to qty negative", modify.with("qty", -1), "qty"),
                Invalid.of("cashOrderQty 0", limit.with("cashOrderQty", 0), "cashOrderQty"),
                Invalid.of("trStopOffset 0", limit.with("type", "Trailing stop").with("trStopOffset", 0), "trStopOffset"),

                // modify with nothing to change
                Invalid.of("modify with nothing to change", modify.without("price"), "nothing to change", "price", "qty"),

                // not one JSON object
                Invalid.raw("empty body", "", "body"),
                Invalid.raw("blank body", "  \n ", "body"),
                Invalid.raw("JSON array", "[\"" + PLANTED + "\"]", "body", "JSON object"),
                Invalid.raw("JSON string", "\"" + PLANTED + "\"", "body", "JSON object"),
                Invalid.raw("JSON number", "42", "body", "JSON object"),
                Invalid.raw("JSON null", "null", "body", "JSON object"),
                Invalid.raw("broken JSON", "{\"action\":\"place\",\"symbol\":\"" + PLANTED + "\"", "body", "not valid JSON"),
                Invalid.raw("single-quoted JSON", "{'action':'" + PLANTED + "'}", "body", "not valid JSON"),
                Invalid.raw("a second object after the order", limit.json() + " {\"note\":\"" + PLANTED + "\"}",
                        "body", "after the JSON object"),
                Invalid.raw("a word after the order", limit.json() + PLANTED, "body"),
                Invalid.raw("duplicate key", "{\"action\":\"place\",\"qty\":1,\"qty\":\"" + PLANTED + "\"}",
                        "duplicate field", "qty"),
                Invalid.raw("absurdly long number", limit.json().replace("\"qty\":5", "\"qty\":5" + "1".repeat(60)), "body"),

                // action
                Invalid.of("action missing", limit.without("action"), "action"),
                Invalid.of("action unknown", limit.with("action", PLANTED), "action", "place, modify, cancel"),
                Invalid.of("action not a string", limit.with("action", 1), "action"),
                Invalid.of("action an object", limit.with("action", Map.of("place", PLANTED)), "action"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalid_body_is_rejected_naming_the_field_without_echoing_the_value(Invalid invalid) {
        Answer answer = http.postJson(trader().webhookPath(), invalid.body());

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().path("s").asText()).isEqualTo("error");
        assertThat(answer.errmsg()).contains(invalid.named());
        assertThat(answer.errmsg()).doesNotContainIgnoringCase(PLANTED).doesNotContain("<script>", "<b>");
        assertThat(answer.errmsg()).doesNotContain("Exception", "\tat ", "com.fasterxml", "networknt");
    }

    static Stream<OrderJson> validBodies() {
        OrderJson order = limitOrder("ACCOUNT");
        return Stream.of(
                marketOrder("ACCOUNT"),
                order,
                order.with("type", "Stop").without("price").with("stopPrice", 36),
                order.with("type", "Stop limit").with("stopPrice", 33.5),
                order.with("type", "Trailing stop").without("price").with("trStopOffset", 0.25),
                order.with("type", "Care").without("price").with("userComment", "work it slowly"),
                order.with("symbolType", "FUTURES").with("contractMonth", "2026-12"),
                order.with("symbolType", "FUTURES_CFD").with("contractMonth", "202612"),
                order.with("symbolType", "OPTIONS").with("contractMonth", "2026-12-18").with("strikePrice", 120)
                        .with("strikeType", "Call"),
                order.with("validity", "GTD").with("expireDate", FUTURE_MS),
                order.with("isin", "US0378331005").with("cashOrderQty", 170).with("stopLoss", 30)
                        .with("stopLossType", "tr. offset").with("takeProfit", 40).with("takeProfitType", "offset in %"));
    }

    @Test
    void modify_without_accountName_is_not_reported_as_nothing_to_change() {
        Answer answer = http.postJson(trader().webhookPath(), modify(ACCOUNT, 7).with("qty", 3).without("accountName").json());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errmsg()).isEqualTo("invalid modify order: accountName: is required");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validBodies")
    void valid_place_body_with_its_required_companions_is_accepted(OrderJson body) {
        Answer answer = http.postJson(trader().webhookPath(), body.with("accountName", trader().account()).json());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().at("/d/orderId").asText()).matches("[0-9]+");
    }

    @Test
    void valid_modify_and_cancel_bodies_are_accepted() {
        Answer placed = http.postJson(trader().webhookPath(), limitOrder(trader().account()).json());
        String orderId = placed.json().at("/d/orderId").asText();

        Answer modified = http.postJson(trader().webhookPath(), modify(trader().account(), orderId)
                .with("validity", "GTD").with("expireDate", FUTURE_MS).with("stopLoss", 30).json());
        Answer cancelled = http.postJson(trader().webhookPath(), cancel(trader().account(), Long.parseLong(orderId)).json());

        assertThat(modified.status()).as(modified.body()).isEqualTo(200);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    }

    @Test
    void action_is_read_in_any_case() {
        Answer answer = http.postJson(trader().webhookPath(), limitOrder(trader().account()).with("action", "PLACE").json());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().at("/d/action").asText()).isEqualTo("place");
    }

    private Trader trader() {
        if (trader == null) {
            trader = users.subscribedTrader();
        }
        return trader;
    }
}
