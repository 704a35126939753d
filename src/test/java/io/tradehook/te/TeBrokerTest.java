package io.tradehook.te;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import io.tradehook.te.FakeTe.Received;
import io.tradehook.common.Json;
import org.junit.jupiter.api.Test;

/** Orders travel to a TE-shaped server over real HTTP and back: field mapping, resolution, auth, TE's errors. */
class TeBrokerTest extends TeTestSupport {

    /** Mapping, not timing, is tested here: a generous budget keeps a cold JVM on a loaded machine out of it. */
    @Override
    protected Properties teOverrides() {
        return generousBudget();
    }

    @Test
    void forex_limit_place_modify_and_cancel_map_onto_te_calls_and_back() throws Exception {
        Trader trader = traderAtTe(ACCOUNT_ID);

        Answer placed = send(trader, """
                {"action":"place","accountName":"$ACCOUNT","symbol":"EURUSD","symbolType":"FOREX","type":"Limit",
                 "qty":5,"side":"BUY","price":1.0825,"validity":"gtc","stopLoss":1.07,"stopLossType":"absolute"}""");

        assertThat(placed.status()).isEqualTo(200);
        String orderId = placed.json().at("/d/orderId").asText();
        assertThat(placed.json()).isEqualTo(json("""
                {"s":"ok","d":{"orderId":"%s","action":"place","accountName":"%s","symbol":"EURUSD",
                 "symbolType":"FOREX","type":"limit","qty":5,"side":"buy","price":1.0825,"validity":"GTC",
                 "stopLoss":1.07,"stopLossType":"absolute"}}""".formatted(orderId, trader.account())));
        Received place = only(te.received("POST", "/orders"));
        assertThat(place.path()).isEqualTo(FakeTe.BASE + "/accounts/" + ACCOUNT_ID + "/orders");
        assertThat(place.query()).matches("requestId=[0-9a-f-]{36}");
        assertThat(place.json()).isEqualTo(json("""
                {"tradableInstrumentId":7001,"qty":5,"side":"buy","type":"Limit","validity":"GTC","price":1.0825,
                 "stopLoss":1.07,"stopLossType":"absolute"}"""));
        assertThat(place.headers().get("authorization")).startsWith("Bearer te-token-");
        assertThat(rows("select outcome, te_order_id from te_order_attempt where account_name = ?", trader.account()))
                .containsExactly(List.of("placed", orderId));

        Answer modified = send(trader, """
                {"action":"modify","accountName":"$ACCOUNT","orderId":%s,"price":"1.083","qty":10}""".formatted(orderId));

        assertThat(modified.status()).isEqualTo(200);
        assertThat(modified.json()).isEqualTo(json("{\"s\":\"ok\",\"d\":{\"orderId\":\"" + orderId + "\"}}"));
        Received patch = only(te.received("PATCH", "/orders/" + orderId));
        assertThat(patch.path()).isEqualTo(FakeTe.BASE + "/orders/" + orderId);
        assertThat(patch.json()).isEqualTo(json("{\"qty\":10,\"price\":1.083}"));

        Answer cancelled = send(trader, """
                {"action":"cancel","accountName":"$ACCOUNT","orderId":%s}""".formatted(orderId));

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json()).isEqualTo(json("{\"s\":\"ok\",\"d\":{\"orderId\":\"" + orderId + "\"}}"));
        Received delete = only(te.received("DELETE", "/orders/" + orderId));
        assertThat(delete.body()).isEmpty();
    }

    @Test
    void the_three_examples_of_the_spec_travel_through_te_and_back() throws Exception {
        Trader trader = traderAtTe("3243760");
        te.instrument("3243760", """
                {"tradableInstrumentId":1201,"name":"ABC","type":"CRYPTO"}""");

        Answer placed = send(trader, """
                {"action":"place","accountName":"$ACCOUNT","symbol":"ABC","symbolType":"CRYPTO","type":"Limit","qty":5,"side":"buy","price":34}""");
        String orderId = placed.json().at("/d/orderId").asText();
        Answer modified = send(trader, """
                {"action":"modify","accountName":"$ACCOUNT","orderId":%s,"price":35,"qty":10}""".formatted(orderId));
        Answer cancelled = send(trader, """
                {"action":"cancel","accountName":"$ACCOUNT","orderId":%s}""".formatted(orderId));

        assertThat(placed.json()).isEqualTo(json("""
                {"s":"ok","d":{"orderId":"%s","action":"place","symbol":"ABC","symbolType":"CRYPTO","type":"limit",
                 "qty":5,"side":"buy","price":34,"accountName":"%s"}}""".formatted(orderId, trader.account())));
        assertThat(modified.json()).isEqualTo(json("{\"s\":\"ok\",\"d\":{\"orderId\":\"" + orderId + "\"}}"));
        assertThat(cancelled.json()).isEqualTo(json("{\"s\":\"ok\",\"d\":{\"orderId\":\"" + orderId + "\"}}"));
        assertThat(only(te.received("POST", "/orders")).json()).isEqualTo(json("""
                {"tradableInstrumentId":1201,"qty":5,"side":"buy","type":"Limit","validity":"DAY","price":34}"""));
        assertThat(only(te.received("PATCH", "/orders/" + orderId)).json()).isEqualTo(json("{\"qty\":10,\"price\":35}"));
        assertThat(te.received("DELETE", "/orders/" + orderId)).hasSize(1);
    }

    @Test
    void futures_order_goes_to_the_contract_of_its_month_with_the_default_validity() throws Exception {
        Trader trader = traderAtTe("5550001");
        te.instrument("5550001", """
                {"tradableInstrumentId":8012,"name":"ES","type":"FUTURES","contractMonth":"2026-12-18"}""");
        te.instrument("5550001", """
                {"tradableInstrumentId":8003,"name":"ES","type":"FUTURES","contractMonth":"2027-03-19"}""");

        Answer placed = send(trader, """
                {"action":"place","accountName":"$ACCOUNT","symbol":"es","symbolType":"FUTURES","contractMonth":"202703",
                 "type":"market","qty":"2","side":"sell"}""");

        assertThat(placed.status()).isEqualTo(200);
        assertThat(only(te.received("POST", "/orders")).json()).isEqualTo(json("""
                {"tradableInstrumentId":8003,"qty":2,"side":"sell","type":"Market","validity":"DAY"}"""));
    }

    @Test
    void options_order_goes_to_the_series_of_its_strike_and_kind() throws Exception {
        Trader trader = traderAtTe("5550002");
        te.instrument("5550002", """
                {"tradableInstrumentId":9001,"name":"AAPL","type":"OPTIONS","contractMonth":"2026-12","strikePrice":200,"strikeType":"CALL"}""");
        te.instrument("5550002", """
                {"tradableInstrumentId":9002,"name":"AAPL","type":"OPTIONS","contractMonth":"2026-12","strikePrice":200,"strikeType":"PUT"}""");
        te.instrument("5550002", """
                {"tradableInstrumentId":9003,"name":"AAPL","type":"OPTIONS","contractMonth":"2026-12","strikePrice":210.5,"strikeType":"PUT"}""");

        Answer placed = send(trader, """
                {"action":"place","accountName":"$ACCOUNT","symbol":"AAPL","symbolType":"OPTIONS","contractMonth":"2026-12-18",
                 "strikePrice":200.0,"strikeType":"Put","type":"Stop limit","qty":1,"side":"buy","price":4.5,"stopPrice":4.2,
                 "validity":"GTD","expireDate":1798675200000}""");

        assertThat(placed.status()).isEqualTo(200);
        assertThat(only(te.received("POST", "/orders")).json()).isEqualTo(json("""
                {"tradableInstrumentId":9002,"qty":1,"side":"buy","type":"Stop limit","validity":"GTD","price":4.5,
                 "stopPrice":4.2,"expireDate":1798675200000}"""));
    }

    @Test
    void a_refused_token_is_renewed_once_and_the_order_goes_through() {
        Trader trader = traderAtTe(ACCOUNT_ID);
        assertThat(placeEurUsd(trader, 1).status()).isEqualTo(200);
        int issued = te.tokensIssued();
        te.revokeTokens();

        Answer placed = placeEurUsd(trader, 2);

        assertThat(placed.status()).isEqualTo(200);
        assertThat(te.tokensIssued()).isEqualTo(issued + 1);
        List<Received> orders = te.received("POST", "/orders");
        assertThat(orders).hasSize(3);
        assertThat(orders.get(1).headers().get("authorization")).isEqualTo(orders.get(0).headers().get("authorization"));
        assertThat(orders.get(2).headers().get("authorization")).isEqualTo("Bearer te-token-" + (issued + 1));
        assertThat(te.received("POST", "/authorize")).hasSize(1);
    }

    @Test
    void a_token_is_renewed_before_its_expiration_without_a_refusal() {
        Trader trader = traderAtTe(ACCOUNT_ID);
        te.tokenLifetime(Duration.ofSeconds(2));
        te.revokeTokens();
        assertThat(placeEurUsd(trader, 1).status()).isEqualTo(200);
        int issued = te.tokensIssued();
        int refusals = te.refusals();
        AtomicInteger qty = new AtomicInteger(1);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(placeEurUsd(trader, qty.incrementAndGet()).status()).isEqualTo(200);
            return te.tokensIssued() > issued;
        });

        assertThat(te.refusals()).isEqualTo(refusals);
    }

    @Test
    void an_order_te_refuses_is_422_with_tes_message() throws Exception {
        Trader trader = traderAtTe(ACCOUNT_ID);
        te.refuseOrders("Not enough margin");

        Answer placed = placeEurUsd(trader, 3);

        assertThat(placed.status()).isEqualTo(422);
        assertThat(placed.json()).isEqualTo(json("{\"s\":\"error\",\"errmsg\":\"Not enough margin\"}"));
        assertThat(rows("select outcome, errmsg from te_order_attempt where account_name = ?", trader.account()))
                .containsExactly(List.of("rejected", "Not enough margin"));
    }

    @Test
    void an_unknown_symbol_is_422_and_no_order_is_sent() {
        Trader trader = traderAtTe(ACCOUNT_ID);

        Answer placed = send(trader, """
                {"action":"place","accountName":"$ACCOUNT","symbol":"GBPJPY","type":"Market","qty":1,"side":"buy"}""");

        assertThat(placed.status()).isEqualTo(422);
        assertThat(placed.errmsg()).isEqualTo(TeInstruments.UNKNOWN);
        assertThat(te.received("GET", "/instruments")).isNotEmpty();
        assertThat(te.received("POST", "/orders")).isEmpty();
    }

    @Test
    void an_account_te_does_not_know_is_422_and_no_order_is_sent() {
        Trader trader = users.subscribedTrader();

        Answer placed = placeEurUsd(trader, 1);

        assertThat(placed.status()).isEqualTo(422);
        assertThat(placed.errmsg()).isEqualTo(TeAccounts.UNKNOWN);
        assertThat(te.received("POST", "/orders")).isEmpty();
    }

    @Test
    void an_order_not_placed_through_this_account_cannot_be_modified_or_cancelled() {
        Trader owner = traderAtTe(ACCOUNT_ID);
        String orderId = placeEurUsd(owner, 4).json().at("/d/orderId").asText();
        Trader other = traderAtTe("3243754");

        Answer modified = send(other, """
                {"action":"modify","accountName":"$ACCOUNT","orderId":%s,"qty":1}""".formatted(orderId));
        Answer cancelled = send(other, """
                {"action":"cancel","accountName":"$ACCOUNT","orderId":%s}""".formatted(orderId));

        assertThat(modified.status()).isEqualTo(404);
        assertThat(cancelled.status()).isEqualTo(404);
        assertThat(cancelled.errmsg()).isEqualTo("order " + orderId + " not found in this account");
        assertThat(te.received("PATCH", "/orders/" + orderId)).isEmpty();
        assertThat(te.received("DELETE", "/orders/" + orderId)).isEmpty();
    }

    @Test
    void nothing_of_the_webhook_request_reaches_te_but_the_order_fields_and_the_token() {
        Trader trader = traderAtTe(ACCOUNT_ID);
        String body = """
                {"action":"place","accountName":"%s","symbol":"EURUSD","type":"Limit","qty":6,"side":"buy","price":1.0825}
                """.formatted(trader.account());
        Answer placed = http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + trader.webhookPath()
                        + "?secretKey=" + trader.key().secretKey()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/plain")
                .header("X-Api-Key", trader.key().apiKey())
                .header("X-Secret-Key", trader.key().secretKey())
                .header("Cookie", "session=" + trader.key().secretKey())
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(placed.status()).isEqualTo(200);
        List<Received> received = te.received();
        assertThat(received).extracting(Received::path).contains(FakeTe.BASE + "/accounts/" + ACCOUNT_ID + "/orders");
        for (Received request : received) {
            assertThat(request.everything())
                    .doesNotContain(trader.key().secretKey())
                    .doesNotContain(trader.key().apiKey())
                    .doesNotContain("/webhook")
                    .doesNotContainIgnoringCase("x-api-key")
                    .doesNotContainIgnoringCase("cookie");
            assertThat(request.headers().keySet()).isSubsetOf(Set.of("accept", "authorization", "content-type",
                    "content-length", "host", "connection", "user-agent", "accept-encoding", "transfer-encoding"));
        }
        Received place = only(te.received("POST", "/orders"));
        assertThat(place.json().properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("tradableInstrumentId", "qty", "side", "type", "validity", "price");
    }

    private static Received only(List<Received> received) {
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }
}
