package io.tradehook.webhook;

import static io.tradehook.support.EnvelopeAssertions.assertError;
import static io.tradehook.support.EnvelopeAssertions.assertOk;
import static io.tradehook.support.OrderJson.limitOrder;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.OrderJson;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import io.tradehook.common.Json;

/**
 * What TradingView and other alert tools really send: text/plain or no Content-Type, numbers as strings, enum
 * values in any case and spelling. The normalised value is what the place answer echoes and what is stored. Also
 * the HTTP-level refusals (415, 405, 413, 404), each in the envelope.
 */
class TradingViewShapesTest extends GatewayTestSupport {

    private static final int MAX_BODY_BYTES = 1024;

    private Trader trader;

    @Override
    protected Properties overrides() {
        return properties("tradehook.webhook.max-body-bytes", Integer.toString(MAX_BODY_BYTES));
    }

    /** A field as an alert tool sends it, and the value it must be normalised to. */
    record Shape(String field, Object sent, Object normalised, OrderJson body) {

        static Shape of(String field, Object sent, Object normalised) {
            return new Shape(field, sent, normalised, limitOrder("ACCOUNT").with(field, sent));
        }

        Shape also(String otherField, Object value) {
            return new Shape(field, sent, normalised, body.with(otherField, value));
        }

        Shape without(String otherField) {
            return new Shape(field, sent, normalised, body.without(otherField));
        }

        @Override
        public String toString() {
            return field + ": " + (sent instanceof String ? "\"" + sent + "\"" : sent) + " -> " + normalised;
        }
    }

    static Stream<Shape> shapes() {
        return Stream.of(
                Shape.of("qty", "5", 5),
                Shape.of("qty", " 2.50 ", new BigDecimal("2.50")),
                Shape.of("price", "34.5", new BigDecimal("34.5")),
                Shape.of("side", "BUY", "buy"),
                Shape.of("side", "Sell", "sell"),
                Shape.of("type", "LIMIT", "limit"),
                Shape.of("type", "stop limit", "stop limit").also("stopPrice", 33),
                Shape.of("type", "Stop limit", "stop limit").also("stopPrice", 33),
                Shape.of("type", "STOP_LIMIT", "stop limit").also("stopPrice", "33"),
                Shape.of("type", "Trailing stop", "trailing stop").without("price").also("trStopOffset", "0.5"),
                Shape.of("type", "trailing_stop", "trailing stop").without("price").also("trStopOffset", 0.5),
                Shape.of("symbol", "abc", "ABC"),
                Shape.of("symbol", "btcusd", "BTCUSD"),
                Shape.of("symbolType", "crypto", "CRYPTO"),
                Shape.of("symbolType", "Equity_CFD", "EQUITY_CFD"),
                Shape.of("validity", "gtc", "GTC"),
                Shape.of("stopLossType", "Offset In Ticks", "offset in ticks"),
                Shape.of("takeProfitType", "OFFSET_IN_%", "offset in %"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void alert_tool_spelling_is_normalised_in_the_answer_and_in_the_stored_order(Shape shape) {
        JsonNode answer = assertOk(http.postJson(trader().webhookPath(), shape.body().with("accountName", trader().account()).json()));

        assertSameValue(answer.path(shape.field()), shape.normalised());
        assertSameValue(storedFields(answer.path("orderId").asText()).path(shape.field()), shape.normalised());
    }

    @Test
    void text_plain_body_is_read_as_json() {
        Answer answer = http.send(trader().webhookPath(), "POST", "text/plain; charset=utf-8",
                limitOrder(trader().account()).json());

        assertThat(assertOk(answer).path("type").asText()).isEqualTo("limit");
    }

    @Test
    void body_without_content_type_is_read_as_json() {
        Answer answer = http.send(trader().webhookPath(), "POST", null, limitOrder(trader().account()).json());

        assertThat(assertOk(answer).path("orderId").asText()).matches("[0-9]+");
    }

    @Test
    void answer_orderId_is_a_string_and_qty_sent_as_string_comes_back_a_number() {
        JsonNode answer = assertOk(http.postJson(trader().webhookPath(),
                limitOrder(trader().account()).with("qty", "5").json()));

        assertThat(answer.path("orderId").isTextual()).isTrue();
        assertThat(answer.path("qty").isIntegralNumber()).isTrue();
        assertThat(storedFields(answer.path("orderId").asText()).path("qty").isIntegralNumber()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x"})
    void content_type_that_is_neither_json_nor_text_is_unsupported(String contentType) {
        long ordersBefore = sql.paperOrdersOfUser(trader().userId());

        String errmsg = assertError(http.send(trader().webhookPath(), "POST", contentType,
                limitOrder(trader().account()).json()), 415);

        assertThat(errmsg).contains("Content-Type");
        assertThat(sql.paperOrdersOfUser(trader().userId())).isEqualTo(ordersBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void method_other_than_post_is_not_allowed(String method) {
        String body = method.equals("GET") || method.equals("DELETE") ? null : limitOrder(trader().account()).json();

        String errmsg = assertError(http.send(trader().webhookPath(), method, "application/json", body), 405);

        assertThat(errmsg).contains("POST");
    }

    @Test
    void body_over_the_limit_is_refused_as_too_large() {
        String body = limitOrder(trader().account()).with("type", "Care").without("price")
                .with("userComment", "x".repeat(MAX_BODY_BYTES)).json();
        long ordersBefore = sql.paperOrdersOfUser(trader().userId());

        String errmsg = assertError(http.postJson(trader().webhookPath(), body), 413);

        assertThat(errmsg).contains("too large");
        assertThat(sql.paperOrdersOfUser(trader().userId())).isEqualTo(ordersBefore);
    }

    @Test
    void body_just_under_the_limit_is_read() {
        OrderJson order = limitOrder(trader().account()).with("type", "Care").without("price").with("userComment", "");
        String body = order.with("userComment", "x".repeat(Math.min(256, MAX_BODY_BYTES - order.json().length()))).json();

        assertOk(http.postJson(trader().webhookPath(), body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/hooks/abc/def", "/webhooks/abc/def", "/api/nothing"})
    void unknown_path_is_not_found_in_the_envelope(String path) {
        String errmsg = assertError(http.postJson(path, limitOrder(trader().account()).json()), 404);

        assertThat(errmsg).contains("/webhook/{apiKey}/{secretKey}");
    }

    private JsonNode storedFields(String orderId) {
        return Json.tree(sql.string("select fields::text from paper_order where id = ?", Long.parseLong(orderId)));
    }

    private Trader trader() {
        if (trader == null) {
            trader = users.subscribedTrader();
        }
        return trader;
    }

    /** Numbers compare by value (5 and 5.0 differ in JSON types only when the type is asserted separately). */
    private static void assertSameValue(JsonNode actual, Object expected) {
        if (expected instanceof Number number) {
            assertThat(actual.isNumber()).as(actual + " is a number").isTrue();
            assertThat(actual.decimalValue()).isEqualByComparingTo(new BigDecimal(number.toString()));
        } else {
            assertThat(actual.asText()).isEqualTo(expected);
            assertThat(actual.isTextual()).isTrue();
        }
    }
}
