package io.tradehook.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Properties;

import io.tradehook.support.Concurrently;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/**
 * Numbers are read exactly: an exponent cannot carry an integer past its bound (or wrap it onto another order), a
 * number too large or too fine for the database is a 400 naming its field, never a 503 or a stored value.
 */
class ExactNumbersTest extends GatewayTestSupport {

    private static final BigInteger TWO_TO_THE_64 = BigInteger.TWO.pow(64);

    @Override
    protected Properties overrides() {
        return properties("tradehook.ratelimit.limit", "0", "tradehook.idempotency.duplicate-window", "PT0S");
    }

    @Test
    void an_order_id_past_a_long_in_exponent_form_is_refused_and_the_order_it_wraps_onto_stays_working() {
        Trader trader = users.subscribedTrader();
        long orderId = place(trader, "\"price\":34").json().path("d").path("orderId").asLong();
        // 2^64 + orderId: longValue() wraps it onto orderId
        String wrapped = exponentForm(TWO_TO_THE_64.add(BigInteger.valueOf(orderId)));

        Answer cancel = post(trader, "{\"action\":\"cancel\",\"accountName\":\"" + trader.account()
                + "\",\"orderId\":" + wrapped + "}");
        Answer modify = post(trader, "{\"action\":\"modify\",\"accountName\":\"" + trader.account()
                + "\",\"orderId\":" + wrapped + ",\"qty\":2}");

        for (Answer refused : List.of(cancel, modify)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.errmsg()).contains("orderId: is out of range");
        }
        assertThat(sql.string("select status from paper_order where id = ?", orderId)).isEqualTo("working");
    }

    @Test
    void each_number_out_of_range_or_too_fine_is_a_400_naming_its_field_and_nothing_is_stored() {
        Trader trader = users.subscribedTrader();
        String gtd = "\"price\":1,\"validity\":\"GTD\",\"expireDate\":";

        assertRefused(place(trader, gtd + "1e400"), "expireDate: is out of range");
        assertRefused(place(trader, gtd + "1.8446744073709551637E19"), "expireDate: is out of range");
        assertRefused(place(trader, gtd + "\"1e999\""), "expireDate: is out of range");
        assertRefused(place(trader, "\"price\":1e-1000000000"), "price: must have at most 32 decimal places");
        assertRefused(place(trader, "\"price\":1e400"), "price: is out of range");
        assertRefused(place(trader, "\"price\":\"1e-999\""), "price: must have at most 32 decimal places");
        assertRefused(post(trader, "{\"action\":\"cancel\",\"accountName\":\"" + trader.account()
                + "\",\"orderId\":9223372036854775808}"), "orderId: is out of range");
        assertRefused(post(trader, "{\"action\":\"cancel\",\"accountName\":\"" + trader.account()
                + "\",\"orderId\":\"18446744073709551637\"}"), "orderId: is out of range");

        assertThat(sql.number("select count(*) from paper_order o join trading_account a on a.id = o.account_id"
                + " where a.name = ?", trader.account())).isZero();
        assertThat(sql.number("select count(*) from webhook_request where status >= 500")).isZero();
    }

    @Test
    void integers_in_exponent_or_decimal_form_are_read_as_the_exact_integers_they_are() {
        Trader trader = users.subscribedTrader();

        Answer placed = place(trader, "\"price\":1,\"validity\":\"GTD\",\"expireDate\":1.7E12");
        assertThat(placed.status()).isEqualTo(200);
        assertThat(placed.json().path("d").path("expireDate").asText()).isEqualTo("1700000000000");
        long orderId = placed.json().path("d").path("orderId").asLong();

        Answer cancel = post(trader, "{\"action\":\"cancel\",\"accountName\":\"" + trader.account()
                + "\",\"orderId\":" + orderId + ".0}");
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(sql.string("select status from paper_order where id = ?", orderId)).isEqualTo("cancelled");
    }

    @Test
    void prices_printed_from_doubles_are_taken_exactly_as_sent() {
        Trader trader = users.subscribedTrader();

        Answer placed = place(trader, "\"price\":0.30000000000000004,\"stopLoss\":1.2345678901234567E-12");

        assertThat(placed.status()).as(placed.body()).isEqualTo(200);
        assertThat(placed.json().path("d").path("price").decimalValue()).isEqualByComparingTo("0.30000000000000004");
    }

    @Test
    void a_too_fine_price_among_concurrent_places_fails_alone_and_the_others_are_placed() {
        Trader trader = users.subscribedTrader();
        long before = sql.number("select count(*) from paper_order");

        List<Answer> answers = Concurrently.run(12, i -> place(trader, i == 0
                ? "\"price\":1e-1000000000" : "\"price\":" + (30 + i)));

        assertRefused(answers.get(0), "price: must have at most 32 decimal places");
        assertThat(answers.subList(1, answers.size())).extracting(Answer::status).containsOnly(200);
        assertThat(sql.number("select count(*) from paper_order")).isEqualTo(before + 11);
    }

    private Answer place(Trader trader, String fields) {
        return post(trader, "{\"action\":\"place\",\"accountName\":\"" + trader.account()
                + "\",\"symbol\":\"ABC\",\"type\":\"Limit\",\"qty\":5,\"side\":\"buy\"," + fields + "}");
    }

    private Answer post(Trader trader, String body) {
        return http.postJson(trader.webhookPath(), body);
    }

    private static void assertRefused(Answer answer, String errmsgPart) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.errmsg()).contains(errmsgPart);
    }

    /** 18446744073709551637 as 1.8446744073709551637E19. */
    private static String exponentForm(BigInteger value) {
        String digits = value.toString();
        return digits.charAt(0) + "." + digits.substring(1) + "E" + (digits.length() - 1);
    }
}
