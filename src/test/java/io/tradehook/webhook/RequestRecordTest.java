package io.tradehook.webhook;

import static io.tradehook.support.OrderJson.cancel;
import static io.tradehook.support.OrderJson.limitOrder;
import static io.tradehook.support.OrderJson.modify;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;
import io.tradehook.common.Rejection;

/**
 * Every webhook request leaves exactly one {@code webhook_request} row, with its status, outcome, action, account
 * and order; the key is named only once it authenticated; no row holds a secret. A body over the limit is refused
 * by the HTTP server before any route runs, and is recorded too when its path carries a well-formed API key, so a
 * trader can see the refused alert. A path outside {@code /webhook/} carries no key and belongs to nobody: it is
 * answered 404 and not recorded.
 */
class RequestRecordTest extends GatewayTestSupport {

    private static final int MAX_BODY_BYTES = 1024;
    private static final List<String> COLUMNS = List.of("status", "outcome", "action", "account_name", "order_id", "key_id");

    @Override
    protected Properties overrides() {
        // repeated identical requests here are distinct requests; resends are IdempotencyTest's subject
        return properties(
                "tradehook.webhook.max-body-bytes", Integer.toString(MAX_BODY_BYTES),
                "tradehook.idempotency.duplicate-window", "PT0S");
    }

    @Test
    void accepted_place_is_recorded_with_its_order_and_key() {
        Trader trader = users.subscribedTrader();

        Map<String, Object> record = theOnlyRecordOf(() -> placeLimit(trader));

        String orderId = lastOrderId(trader);
        assertRecord(record, 200, "ok", "place", trader.account(), orderId, trader.key().id());
        assertThat(record).containsEntry("user_id", trader.userId()).containsEntry("api_key", trader.key().apiKey())
                .containsEntry("errmsg", null);
        assertThat(record.get("received_at")).isNotNull();
        assertThat((Integer) record.get("latency_ms")).isNotNegative();
        assertThat(record.get("source_address")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    }

    @Test
    void accepted_modify_and_cancel_are_recorded_with_their_order() {
        Trader trader = users.subscribedTrader();
        placeLimit(trader);
        String orderId = lastOrderId(trader);

        Map<String, Object> modified = theOnlyRecordOf(() -> send(trader, modify(trader.account(), orderId).with("qty", 2).json()));
        Map<String, Object> cancelled = theOnlyRecordOf(() -> send(trader, cancel(trader.account(), orderId).json()));

        assertRecord(modified, 200, "ok", "modify", trader.account(), orderId, trader.key().id());
        assertRecord(cancelled, 200, "ok", "cancel", trader.account(), orderId, trader.key().id());
    }

    @Test
    void invalid_order_is_recorded_as_rejected_with_its_action_and_key() {
        Trader trader = users.subscribedTrader();

        Map<String, Object> record = theOnlyRecordOf(() -> send(trader, limitOrder(trader.account()).without("price").json()));

        assertRecord(record, 400, "rejected", "place", null, null, trader.key().id());
        assertThat((String) record.get("errmsg")).contains("price");
    }

    @Test
    void broken_json_is_recorded_without_action() {
        Trader trader = users.subscribedTrader();

        Map<String, Object> record = theOnlyRecordOf(() -> send(trader, "{\"action\":"));

        assertRecord(record, 400, "rejected", null, null, null, trader.key().id());
    }

    @Test
    void wrong_secret_is_recorded_with_the_api_key_but_not_as_the_key() {
        Trader trader = users.subscribedTrader();
        String wrongSecret = users.newKey(trader.userId(), null).secretKey();

        Map<String, Object> record = theOnlyRecordOf(() -> http.postJson(
                "/webhook/" + trader.key().apiKey() + "/" + wrongSecret, limitOrder(trader.account()).json()));

        assertRecord(record, 401, "rejected", null, null, null, null);
        assertThat(record).containsEntry("api_key", trader.key().apiKey()).containsEntry("user_id", null)
                .containsEntry("errmsg", Rejection.BAD_KEY);
    }

    @Test
    void a_malformed_or_unknown_key_is_answered_but_not_recorded() {
        long before = lastRecordId();

        assertThat(http.postJson("/webhook/not*a*key/x", "{}").status()).isEqualTo(401);
        assertThat(http.postJson("/webhook/" + "A".repeat(32) + "/" + "b".repeat(43), "{}").status()).isEqualTo(401);

        // nobody's history could show them: counted (AnonymousProbeTest), not stored
        assertThat(sql.number("select count(*) from webhook_request where id > ?", before)).isZero();
    }

    @Test
    void missing_subscription_is_recorded_against_the_key() {
        Trader trader = users.trader(false);

        Map<String, Object> record = theOnlyRecordOf(() -> placeLimit(trader));

        assertRecord(record, 403, "rejected", null, null, null, trader.key().id());
    }

    @Test
    void account_of_someone_else_is_recorded_against_the_key_without_the_account() {
        Trader trader = users.subscribedTrader();
        Trader someoneElse = users.subscribedTrader();

        Map<String, Object> record = theOnlyRecordOf(() -> send(trader, limitOrder(someoneElse.account()).json()));

        assertRecord(record, 403, "rejected", "place", null, null, trader.key().id());
    }

    @Test
    void unknown_order_is_recorded_with_the_order_it_named() {
        Trader trader = users.subscribedTrader();

        Map<String, Object> record = theOnlyRecordOf(() -> send(trader, cancel(trader.account(), 424242).json()));

        assertRecord(record, 404, "rejected", "cancel", trader.account(), "424242", trader.key().id());
    }

    @Test
    void order_that_can_no_longer_change_is_recorded_as_rejected_by_the_broker() {
        Trader trader = users.subscribedTrader();
        placeLimit(trader);
        String orderId = lastOrderId(trader);
        send(trader, cancel(trader.account(), orderId).json());

        Map<String, Object> record = theOnlyRecordOf(() -> send(trader, cancel(trader.account(), orderId).json()));

        assertRecord(record, 422, "rejected", "cancel", trader.account(), orderId, trader.key().id());
    }

    @Test
    void method_other_than_post_is_recorded() {
        Trader trader = users.subscribedTrader();

        Map<String, Object> record = theOnlyRecordOf(() -> http.send(trader.webhookPath(), "GET", null, null));

        assertRecord(record, 405, "rejected", null, null, null, null);
        assertThat(record).containsEntry("api_key", trader.key().apiKey());
    }

    @Test
    void unsupported_content_type_is_recorded() {
        Trader trader = users.subscribedTrader();

        Map<String, Object> record = theOnlyRecordOf(() -> http.send(trader.webhookPath(), "POST", "application/xml",
                "<order/>"));

        assertRecord(record, 415, "rejected", null, null, null, null);
        assertThat(record).containsEntry("api_key", trader.key().apiKey());
    }

    @Test
    void body_over_the_limit_is_recorded_with_the_api_key_of_its_path() {
        Trader trader = users.subscribedTrader();

        Map<String, Object> record = theOnlyRecordOf(() -> send(trader, tooLargeBody(trader)));

        assertRecord(record, 413, "rejected", null, null, null, null);
        assertThat(record).containsEntry("api_key", trader.key().apiKey());
        assertThat((String) record.get("errmsg")).contains("too large");
    }

    @Test
    void unknown_path_is_answered_but_not_recorded() {
        long before = lastRecordId();

        Answer answer = http.postJson("/hooks/abc/def", "{}");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(lastRecordId()).isEqualTo(before);
    }

    @Test
    void no_record_and_no_key_row_holds_the_secret() {
        Trader trader = users.subscribedTrader();
        String secret = trader.key().secretKey();
        String apiKey = trader.key().apiKey();
        long before = lastRecordId();
        placeLimit(trader);
        send(trader, limitOrder(trader.account()).with("qty", "ZZ").json());
        send(trader, tooLargeBody(trader));
        http.send(trader.webhookPath(), "PUT", "application/json", "{}");
        http.send(trader.webhookPath(), "POST", "application/xml", "<x/>");
        http.postJson("/webhook/" + apiKey + "/x?secretKey=" + secret, limitOrder(trader.account()).json());
        http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/webhook/" + apiKey))
                .header("secretKey", secret).POST(HttpRequest.BodyPublishers.ofString("{}")));
        http.postJson(trader.webhookPath() + "/extra", "{}");

        assertThat(sql.number("select count(*) from webhook_request where id > ?", before)).isEqualTo(8);
        // a whole row as text covers every column, whatever its type
        assertThat(sql.number("select count(*) from webhook_request r where position(? in r::text) > 0", secret)).isZero();
        assertThat(sql.number("select count(*) from webhook_key k where position(? in k::text) > 0", secret)).isZero();
        assertThat(sql.number("select count(*) from webhook_key where position(convert_to(?, 'UTF8') in secret_hash) > 0",
                secret)).isZero();
    }

    @Test
    void last_use_of_a_key_is_stamped_by_a_successful_call_only() {
        Trader trader = users.subscribedTrader();
        String wrongSecret = users.newKey(trader.userId(), null).secretKey();

        http.postJson("/webhook/" + trader.key().apiKey() + "/" + wrongSecret, limitOrder(trader.account()).json());
        assertThat(lastUsedAt(trader)).isNull();

        placeLimit(trader);
        assertThat(lastUsedAt(trader)).isNotNull();
    }

    /** Runs one request and returns the one row it left; also checks the row agrees with the answer. */
    private Map<String, Object> theOnlyRecordOf(Supplier<Answer> request) {
        long before = lastRecordId();
        Answer answer = request.get();
        List<Map<String, Object>> records = sql.rows("select * from webhook_request where id > ? order by id", before);
        assertThat(records).as("records of " + answer.body()).hasSize(1);
        Map<String, Object> record = records.get(0);
        assertThat(record).containsEntry("status", answer.status());
        if (answer.status() != 200) {
            assertThat(record).containsEntry("errmsg", answer.errmsg());
        }
        return record;
    }

    private static void assertRecord(Map<String, Object> record, int status, String outcome, String action,
                                     String accountName, String orderId, Long keyId) {
        assertThat(record).extractingByKeys(COLUMNS.toArray(String[]::new)).as(record.toString())
                .containsExactly(status, outcome, action, accountName, orderId, keyId);
    }

    private Answer placeLimit(Trader trader) {
        return send(trader, limitOrder(trader.account()).json());
    }

    private Answer send(Trader trader, String body) {
        return http.postJson(trader.webhookPath(), body);
    }

    private static String tooLargeBody(Trader trader) {
        return limitOrder(trader.account()).with("type", "Care").with("userComment", "x".repeat(MAX_BODY_BYTES)).json();
    }

    private long lastRecordId() {
        return sql.number("select coalesce(max(id), 0) from webhook_request");
    }

    private String lastOrderId(Trader trader) {
        return sql.string("select max(o.id) from paper_order o join trading_account a on a.id = o.account_id "
                + "where a.user_id = ?", trader.userId());
    }

    private Object lastUsedAt(Trader trader) {
        return sql.value("select last_used_at from webhook_key where id = ?", trader.key().id());
    }
}
