package io.tradehook.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.tradehook.support.Concurrently;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** A resend, however it arrives, never becomes a second order; it gets the first answer. */
class IdempotencyTest extends GatewayTestSupport {


    private long orders(Trader trader) {
        return sql.number("""
                select count(*) from paper_order o join trading_account a on a.id = o.account_id where a.name = ?""",
                trader.account());
    }

    private static String place(Trader trader, String extra) {
        return """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":1,"side":"buy"%s}"""
                .formatted(trader.account(), extra);
    }

    @Test
    void twenty_concurrent_identical_alerts_place_one_order_and_all_get_its_answer() {
        Trader trader = users.subscribedTrader();
        List<Answer> answers = Concurrently.run(20, i -> http.postJson(trader.webhookPath(), place(trader, "")));

        assertThat(orders(trader)).isEqualTo(1);
        assertThat(answers).extracting(Answer::status).containsOnly(200);
        assertThat(answers).extracting(Answer::body).containsOnly(answers.get(0).body());
        assertThat(sql.number("select count(*) from webhook_request where key_id = ? and outcome = 'duplicate'",
                trader.key().id())).isEqualTo(19);
        assertThat(sql.number("select count(*) from webhook_request where key_id = ? and outcome = 'ok'",
                trader.key().id())).isEqualTo(1);
    }

    @Test
    void twenty_concurrent_alerts_with_one_request_id_place_one_order() {
        Trader trader = users.subscribedTrader();
        // bodies differ (qty), the requestId is what makes them one request
        List<Answer> answers = Concurrently.run(20, i -> http.postJson(trader.webhookPath(),
                place(trader, ",\"requestId\":\"alert-7\"").replace("\"qty\":1", "\"qty\":" + (i + 1))));

        assertThat(orders(trader)).isEqualTo(1);
        assertThat(answers).extracting(Answer::body).containsOnly(answers.get(0).body());
    }

    @Test
    void a_resend_with_the_same_request_id_returns_the_first_answer_even_with_another_body() {
        Trader trader = users.subscribedTrader();
        Answer first = http.postJson(trader.webhookPath(), place(trader, ",\"requestId\":\"r-1\""));
        Answer resend = http.postJson(trader.webhookPath(),
                place(trader, ",\"requestId\":\"r-1\"").replace("\"qty\":1", "\"qty\":9"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(resend.status()).isEqualTo(200);
        assertThat(resend.body()).isEqualTo(first.body());
        assertThat(orders(trader)).isEqualTo(1);
    }

    @Test
    void identical_orders_with_different_request_ids_are_two_orders() {
        Trader trader = users.subscribedTrader();
        assertThat(http.postJson(trader.webhookPath(), place(trader, ",\"requestId\":\"a\"")).status()).isEqualTo(200);
        assertThat(http.postJson(trader.webhookPath(), place(trader, ",\"requestId\":\"b\"")).status()).isEqualTo(200);

        assertThat(orders(trader)).isEqualTo(2);
    }

    @Test
    void the_same_order_from_another_key_is_not_a_duplicate() {
        Trader trader = users.subscribedTrader();
        var secondKey = users.newKey(trader.userId(), null);
        assertThat(http.postJson(trader.webhookPath(), place(trader, "")).status()).isEqualTo(200);
        assertThat(http.postJson("/webhook/" + secondKey.apiKey() + "/" + secondKey.secretKey(), place(trader, ""))
                .status()).isEqualTo(200);

        assertThat(orders(trader)).isEqualTo(2);
    }

    @Test
    void a_refusal_by_the_broker_is_the_answer_its_resends_get() {
        Trader trader = users.subscribedTrader();
        String cancelUnknown = """
                {"action":"cancel","accountName":"%s","orderId":987654321}""".formatted(trader.account());
        Answer first = http.postJson(trader.webhookPath(), cancelUnknown);
        Answer resend = http.postJson(trader.webhookPath(), cancelUnknown);

        assertThat(first.status()).isEqualTo(404);
        assertThat(resend.status()).isEqualTo(404);
        assertThat(resend.body()).isEqualTo(first.body());
        assertThat(sql.number("select count(*) from webhook_request where key_id = ? and outcome = 'duplicate' and status = 404",
                trader.key().id())).isEqualTo(1);
    }

    @Test
    void a_resend_while_the_first_is_still_at_the_broker_is_refused_after_the_wait_and_the_first_completes() throws Exception {
        Trader trader = users.subscribedTrader();
        String order = place(trader, ",\"requestId\":\"slow\"");
        CompletableFuture<Answer> first;
        Answer resend;
        try (Connection lock = dataSource().getConnection()) {
            // the paper broker's insert waits for this lock on the account: the first request is held at the broker
            lock.setAutoCommit(false);
            try (PreparedStatement select = lock.prepareStatement("select id from trading_account where name = ? for update")) {
                select.setString(1, trader.account());
                select.executeQuery().close();
            }
            first = CompletableFuture.supplyAsync(() -> http.postJson(trader.webhookPath(), order));
            await().atMost(Duration.ofSeconds(10)).until(() -> sql.number("""
                    select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'""") == 1);
            resend = http.postJson(trader.webhookPath(), order);
            lock.rollback();
        }

        assertThat(resend.status()).isEqualTo(409);
        assertThat(resend.errmsg()).isEqualTo("a request with the same requestId is still being processed, so this one"
                + " was not sent to the broker: check the account's orders before sending it again");
        assertThat(first.get().status()).isEqualTo(200);
        assertThat(orders(trader)).isEqualTo(1);
        // once answered, the resend gets the first answer
        assertThat(http.postJson(trader.webhookPath(), order).body()).isEqualTo(first.get().body());
    }

    @Test
    void a_paper_order_that_cannot_be_committed_is_answered_not_placed_and_its_resend_is_placed() {
        Trader trader = users.subscribedTrader();
        // the order's write fails: it commits with the request record or not at all, so the order is known not placed
        sql.update("""
                create or replace function fail_symbol_fail() returns trigger language plpgsql as $$
                begin
                  if new.fields->>'symbol' = 'FAIL' then raise exception 'disk full'; end if;
                  return new;
                end $$""");
        sql.update("""
                create or replace trigger paper_order_fail before insert on paper_order
                for each row execute function fail_symbol_fail()""");
        String order = place(trader, "").replace("ABC", "FAIL");

        Answer first = http.postJson(trader.webhookPath(), order);
        sql.update("drop trigger paper_order_fail on paper_order");
        Answer resend = http.postJson(trader.webhookPath(), order);

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.errmsg()).isEqualTo("service temporarily unavailable: the order was not placed; retry later");
        // the claim was let go: TradingView's resend is placed, once
        assertThat(resend.status()).isEqualTo(200);
        assertThat(orders(trader)).isEqualTo(1);
        assertThat(sql.rows("select status from webhook_request where key_id = ? order by id", trader.key().id()))
                .extracting(row -> row.get("status")).containsExactly(503, 200);
    }
}
