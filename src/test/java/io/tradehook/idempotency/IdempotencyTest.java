package io.tradehook.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.tradehook.support.Concurrently;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.apache.camel.builder.AdviceWith;
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
    void concurrent_places_of_many_keys_each_commit_their_order_its_stored_answer_and_its_record() {
        List<Trader> traders = IntStream.range(0, 8).mapToObj(i -> users.subscribedTrader()).toList();
        // their writes end in shared group commits: orders, claim answers, request records, last-use stamps
        List<Answer> answers = Concurrently.run(24, i -> http.postJson(traders.get(i % 8).webhookPath(),
                place(traders.get(i % 8), ",\"requestId\":\"group-" + i + "\"")));

        assertThat(answers).extracting(Answer::status).containsOnly(200);
        for (int i = 0; i < answers.size(); i++) {
            Trader trader = traders.get(i % 8);
            String body = answers.get(i).body();
            String orderId = answers.get(i).json().path("d").path("orderId").asText();
            assertThat(sql.number("""
                    select count(*) from paper_order o join trading_account a on a.id = o.account_id
                     where o.id = ?::bigint and a.name = ? and o.status = 'filled' and o.fields->>'requestId' = ?""",
                    orderId, trader.account(), "group-" + i)).as("order of " + body).isEqualTo(1);
            assertThat(sql.rows("select status, answer from webhook_idempotency where key_id = ? and order_id = ?",
                    trader.key().id(), orderId)).singleElement().satisfies(claim -> {
                        assertThat(claim).containsEntry("status", 200);
                        assertThat(new String((byte[]) claim.get("answer"), StandardCharsets.UTF_8)).isEqualTo(body);
                    });
            assertThat(sql.number("select count(*) from webhook_request where key_id = ? and order_id = ? and outcome = 'ok'",
                    trader.key().id(), orderId)).as("record of " + body).isEqualTo(1);
        }
        assertThat(traders).allSatisfy(trader -> assertThat(sql.value(
                "select last_used_at from webhook_key where id = ?", trader.key().id())).isNotNull());
    }

    @Test
    void a_paper_place_is_claimed_in_the_transaction_that_commits_its_order_and_its_record() {
        Trader trader = users.subscribedTrader();
        String orderId = http.postJson(trader.webhookPath(), place(trader, ",\"requestId\":\"atomic\""))
                .json().path("d").path("orderId").asText();

        // one wait for the database: the key's rate-limit count, the claim (with its answer), the order and the record
        // carry one transaction id
        assertThat(sql.number("""
                select count(distinct xmin::text) from (
                    select xmin from webhook_rate where key_id = ?
                    union all select xmin from webhook_idempotency where key_id = ? and order_id = ?
                    union all select xmin from paper_order where id = ?::bigint
                    union all select xmin from webhook_request where key_id = ? and order_id = ?) x""",
                trader.key().id(), trader.key().id(), orderId, orderId, trader.key().id(), orderId)).isEqualTo(1);
        assertThat(sql.number("select count(*) from webhook_idempotency where key_id = ? and order_id = ? and status = 200",
                trader.key().id(), orderId)).isEqualTo(1);
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
        String orderId = http.postJson(trader.webhookPath(), """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"limit","price":10,"qty":1,"side":"buy"}"""
                .formatted(trader.account())).json().path("d").path("orderId").asText();
        String cancel = """
                {"action":"cancel","accountName":"%s","orderId":%s,"requestId":"slow"}""".formatted(trader.account(), orderId);
        // the first request is held at the broker until the resend has its answer (a paper place is claimed in the
        // commit of its order, so it is never at the broker holding a claim: a cancel is)
        CountDownLatch broker = new CountDownLatch(1);
        CountDownLatch atBroker = new CountDownLatch(1);
        AdviceWith.adviceWith(context, "broker-cancel", route -> route.weaveAddFirst().process(exchange -> {
            atBroker.countDown();
            broker.await(10, TimeUnit.SECONDS);
        }));
        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> http.postJson(trader.webhookPath(), cancel));
        assertThat(atBroker.await(10, TimeUnit.SECONDS)).isTrue();
        Answer resend;
        try {
            resend = http.postJson(trader.webhookPath(), cancel);
        } finally {
            broker.countDown();
        }

        assertThat(resend.status()).isEqualTo(409);
        assertThat(resend.errmsg()).isEqualTo("a request with the same requestId is still being processed, so this one"
                + " was not sent to the broker: check the account's orders before sending it again");
        assertThat(first.get().status()).isEqualTo(200);
        assertThat(sql.value("select status from paper_order where id = ?::bigint", orderId)).isEqualTo("cancelled");
        // once answered, the resend gets the first answer
        assertThat(http.postJson(trader.webhookPath(), cancel).body()).isEqualTo(first.get().body());
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
