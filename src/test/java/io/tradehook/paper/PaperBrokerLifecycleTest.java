package io.tradehook.paper;

import static io.tradehook.support.EnvelopeAssertions.assertError;
import static io.tradehook.support.EnvelopeAssertions.assertOk;
import static io.tradehook.support.OrderJson.cancel;
import static io.tradehook.support.OrderJson.limitOrder;
import static io.tradehook.support.OrderJson.marketOrder;
import static io.tradehook.support.OrderJson.modify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.OrderJson;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import io.tradehook.common.Json;
import org.junit.jupiter.api.Test;

/**
 * The paper broker's order lifecycle through the webhook: database ids, partial modify, cancel, and the orders that
 * cannot change (unknown or someone else's: 404; cancelled or filled: 422). A refused change leaves the order as it was.
 */
class PaperBrokerLifecycleTest extends GatewayTestSupport {

    /** Identical orders here are meant as new orders: resend safety is IdempotencyTest's subject, not this one's. */
    @Override
    protected Properties overrides() {
        return properties("tradehook.idempotency.duplicate-window", "PT0S");
    }

    private static final long NO_SUCH_ORDER = 987_654_321L;

    @Test
    void order_ids_are_assigned_by_the_database() {
        Trader trader = users.subscribedTrader();

        String first = placeLimit(trader);
        String second = placeLimit(trader);

        assertThat(Long.parseLong(second)).isGreaterThan(Long.parseLong(first));
        assertThat(sql.rows("select o.id, o.status from paper_order o join trading_account a on a.id = o.account_id "
                + "where a.name = ? order by o.id", trader.account()))
                .extracting(row -> row.get("id").toString(), row -> row.get("status"))
                .containsExactly(tuple(first, "working"),
                        tuple(second, "working"));
    }

    @Test
    void modify_changes_only_the_fields_sent() {
        Trader trader = users.subscribedTrader();
        String orderId = place(trader, limitOrder(trader.account()).with("stopLoss", 30).with("validity", "GTC"));
        JsonNode before = storedFields(orderId);

        assertOk(send(trader, modify(trader.account(), orderId).with("price", 35.25)));

        JsonNode after = storedFields(orderId);
        assertThat(after.path("price").decimalValue()).isEqualByComparingTo("35.25");
        JsonNode othersAfter = ((ObjectNode) after.deepCopy()).without("price");
        JsonNode othersBefore = ((ObjectNode) before.deepCopy()).without("price");
        assertThat(othersAfter).isEqualTo(othersBefore);
        assertThat(after.path("qty").asInt()).isEqualTo(5);
        assertThat(after.path("stopLoss").asInt()).isEqualTo(30);
        assertThat(after.path("validity").asText()).isEqualTo("GTC");
        assertThat(after.has("orderId")).isFalse();
        assertThat(after.has("action")).isFalse();
        assertThat(status(orderId)).isEqualTo("working");
    }

    @Test
    void modify_answers_the_order_id_as_a_string() {
        Trader trader = users.subscribedTrader();
        String orderId = placeLimit(trader);

        JsonNode answer = assertOk(send(trader, modify(trader.account(), Long.parseLong(orderId)).with("qty", "10")));

        assertThat(answer).isEqualTo(Json.tree("{\"orderId\":\"" + orderId + "\"}"));
        assertThat(storedFields(orderId).path("qty").asInt()).isEqualTo(10);
    }

    @Test
    void cancel_marks_the_order_cancelled() {
        Trader trader = users.subscribedTrader();
        String orderId = placeLimit(trader);

        JsonNode answer = assertOk(send(trader, cancel(trader.account(), Long.parseLong(orderId))));

        assertThat(answer).isEqualTo(Json.tree("{\"orderId\":\"" + orderId + "\"}"));
        assertThat(status(orderId)).isEqualTo("cancelled");
    }

    @Test
    void unknown_order_is_not_found() {
        Trader trader = users.subscribedTrader();

        assertError(send(trader, modify(trader.account(), NO_SUCH_ORDER).with("price", 1)), 404);
        assertError(send(trader, cancel(trader.account(), NO_SUCH_ORDER)), 404);
    }

    @Test
    void order_of_another_users_account_is_not_found_like_an_unknown_one() {
        Trader owner = users.subscribedTrader();
        Trader intruder = users.subscribedTrader();
        String orderId = placeLimit(owner);
        JsonNode fieldsBefore = storedFields(orderId);

        String modifyErrmsg = assertError(send(intruder, modify(intruder.account(), orderId).with("price", 1)), 404);
        String cancelErrmsg = assertError(send(intruder, cancel(intruder.account(), orderId)), 404);
        String unknownErrmsg = assertError(send(intruder, cancel(intruder.account(), NO_SUCH_ORDER)), 404);

        assertThat(modifyErrmsg).isEqualTo(cancelErrmsg);
        assertThat(cancelErrmsg.replace(orderId, "N")).isEqualTo(unknownErrmsg.replace(Long.toString(NO_SUCH_ORDER), "N"));
        assertThat(status(orderId)).isEqualTo("working");
        assertThat(storedFields(orderId)).isEqualTo(fieldsBefore);
    }

    @Test
    void order_of_another_account_of_the_same_user_is_not_found() {
        Trader trader = users.subscribedTrader();
        String secondAccount = trader.account() + "-second";
        sql.update("insert into trading_account (user_id, name) values (?, ?)", trader.userId(), secondAccount);
        String orderId = placeLimit(trader);

        assertError(send(trader, cancel(secondAccount, orderId)), 404);

        assertThat(status(orderId)).isEqualTo("working");
    }

    @Test
    void cancelled_order_cannot_be_modified_or_cancelled_again() {
        Trader trader = users.subscribedTrader();
        String orderId = placeLimit(trader);
        assertOk(send(trader, cancel(trader.account(), orderId)));
        JsonNode fieldsBefore = storedFields(orderId);

        String modifyErrmsg = assertError(send(trader, modify(trader.account(), orderId).with("price", 36)), 422);
        String cancelErrmsg = assertError(send(trader, cancel(trader.account(), orderId)), 422);

        assertThat(modifyErrmsg).contains("cancelled");
        assertThat(cancelErrmsg).contains("cancelled");
        assertThat(storedFields(orderId)).isEqualTo(fieldsBefore);
        assertThat(status(orderId)).isEqualTo("cancelled");
    }

    @Test
    void market_order_is_filled_at_once_and_cannot_change() {
        Trader trader = users.subscribedTrader();
        String orderId = place(trader, marketOrder(trader.account()));

        assertThat(status(orderId)).isEqualTo("filled");
        assertThat(assertError(send(trader, modify(trader.account(), orderId).with("qty", 2)), 422)).contains("filled");
        assertThat(assertError(send(trader, cancel(trader.account(), orderId)), 422)).contains("filled");
        assertThat(status(orderId)).isEqualTo("filled");
        assertThat(storedFields(orderId).path("qty").asInt()).isEqualTo(1);
    }

    @Test
    void comment_on_an_order_that_is_not_care_is_refused_by_the_broker() {
        Trader trader = users.subscribedTrader();
        String orderId = placeLimit(trader);

        String errmsg = assertError(send(trader, modify(trader.account(), orderId).with("userComment", "hello")), 422);

        assertThat(errmsg).contains("userComment").contains("Care");
        assertThat(storedFields(orderId).has("userComment")).isFalse();
    }

    @Test
    void expiry_date_on_an_order_that_is_not_gtd_is_refused_by_the_broker() {
        Trader trader = users.subscribedTrader();
        String orderId = place(trader, limitOrder(trader.account()).with("validity", "GTC"));

        String errmsg = assertError(send(trader, modify(trader.account(), orderId).with("expireDate", 4_102_444_800_000L)), 422);

        assertThat(errmsg).contains("expireDate").contains("GTD");
        assertThat(storedFields(orderId).has("expireDate")).isFalse();
    }

    @Test
    void expiry_date_of_a_gtd_order_is_changed() {
        Trader trader = users.subscribedTrader();
        String orderId = place(trader, limitOrder(trader.account()).with("validity", "GTD").with("expireDate", 4_102_444_800_000L));

        assertOk(send(trader, modify(trader.account(), orderId).with("expireDate", 4_102_444_900_000L)));

        assertThat(storedFields(orderId).path("expireDate").asLong()).isEqualTo(4_102_444_900_000L);
    }

    @Test
    void gtd_order_changed_to_another_validity_loses_its_expiry_date() {
        Trader trader = users.subscribedTrader();
        String orderId = place(trader, limitOrder(trader.account()).with("validity", "GTD").with("expireDate", 4_102_444_800_000L));

        assertOk(send(trader, modify(trader.account(), orderId).with("validity", "DAY")));

        assertThat(storedFields(orderId).path("validity").asText()).isEqualTo("DAY");
        assertThat(storedFields(orderId).has("expireDate")).isFalse();
        assertThat(storedFields(orderId).path("price").asInt()).isEqualTo(34);
    }

    @Test
    void comment_on_a_care_order_is_changed() {
        Trader trader = users.subscribedTrader();
        String orderId = place(trader, limitOrder(trader.account()).with("type", "Care").without("price")
                .with("userComment", "first"));

        assertOk(send(trader, modify(trader.account(), orderId).with("userComment", "second")));

        assertThat(storedFields(orderId).path("userComment").asText()).isEqualTo("second");
        assertThat(storedFields(orderId).path("type").asText()).isEqualTo("care");
    }

    private String placeLimit(Trader trader) {
        return place(trader, limitOrder(trader.account()));
    }

    private String place(Trader trader, OrderJson order) {
        return assertOk(send(trader, order)).path("orderId").asText();
    }

    private Answer send(Trader trader, OrderJson body) {
        return http.postJson(trader.webhookPath(), body.json());
    }

    private JsonNode storedFields(String orderId) {
        return Json.tree(sql.string("select fields::text from paper_order where id = ?", Long.parseLong(orderId)));
    }

    private String status(String orderId) {
        return sql.string("select status from paper_order where id = ?", Long.parseLong(orderId));
    }
}
