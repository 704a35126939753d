package io.tradehook.te;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import io.tradehook.te.FakeTe.ChangeAnswer;
import io.vertx.core.http.HttpVersion;
import org.junit.jupiter.api.Test;

/**
 * TE's answers as servers give them: a modify or cancel answered with a bare {@code {"s":"ok"}} or {@code 204} is
 * done; a {@code 429} is TE refusing for its request limits, so nothing was placed: 503 with Retry-After, and the
 * resend is placed.
 */
class TeAnswersTest extends TeTestSupport {

    @Test
    void a_modify_answered_with_a_bare_ok_is_done() {
        Trader trader = traderAtTe(ACCOUNT_ID);
        String orderId = placedOrderId(trader);
        te.changeAnswer(ChangeAnswer.BARE_OK);

        Answer modified = send(trader, """
                {"action":"modify","accountName":"$ACCOUNT","orderId":%s,"price":1.0830}""".formatted(orderId));

        assertThat(modified.status()).as(modified.body()).isEqualTo(200);
        assertThat(modified.json().path("d").path("orderId").asText()).isEqualTo(orderId);
        // a plain http URL stays on HTTP/1.1 (TeHttp2Test: HTTP/2 where TE offers it over TLS)
        assertThat(te.received()).extracting(FakeTe.Received::version).containsOnly(HttpVersion.HTTP_1_1);
    }

    @Test
    void a_cancel_answered_204_no_content_is_done() {
        Trader trader = traderAtTe(ACCOUNT_ID);
        String orderId = placedOrderId(trader);
        te.changeAnswer(ChangeAnswer.NO_CONTENT);

        Answer cancelled = send(trader, """
                {"action":"cancel","accountName":"$ACCOUNT","orderId":%s}""".formatted(orderId));

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().path("d").path("orderId").asText()).isEqualTo(orderId);
    }

    @Test
    void te_429_is_a_503_that_placed_nothing_and_its_resend_is_placed() throws Exception {
        Trader trader = traderAtTe(ACCOUNT_ID);
        warmUp(trader);
        te.reset();
        te.tooManyRequests(1);
        String alert = """
                {"action":"place","accountName":"$ACCOUNT","symbol":"EURUSD","symbolType":"FOREX","type":"Market",
                 "qty":4,"side":"buy","requestId":"signal-429"}""";

        Answer refused = send(trader, alert);
        Answer resent = send(trader, alert);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.errmsg()).isEqualTo(TeClient.BUSY);
        // the warm-up's order before them
        assertThat(rows("select outcome from te_order_attempt where key_id = ? order by id desc limit 2",
                trader.key().id())).containsExactly(List.of("placed"), List.of("failed"));
        assertThat(resent.status()).as(resent.body()).isEqualTo(200);
        assertThat(te.ordersPlaced()).isEqualTo(1);
    }

    private String placedOrderId(Trader trader) {
        warmUp(trader);
        Answer placed = placeEurUsd(trader, 2);
        assertThat(placed.status()).isEqualTo(200);
        return placed.json().path("d").path("orderId").asText();
    }
}
