package io.tradehook.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.tradehook.support.GatewayInstance;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** A gateway told to stop finishes the request it is working on, and answers it, before it goes. */
class GracefulShutdownTest extends GatewayTestSupport {

    @Test
    void a_request_in_flight_when_shutdown_begins_is_finished_and_answered() throws Exception {
        Trader trader = users.subscribedTrader();
        String placed = http.postJson(trader.webhookPath(), """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"limit","price":10,"qty":1,"side":"buy"}"""
                .formatted(trader.account())).json().at("/d/orderId").asText();
        GatewayInstance instance = new GatewayInstance(databaseUrl(), Map.of()).start();

        CompletableFuture<Answer> modify;
        CompletableFuture<Void> stop;
        try (Connection lock = dataSource().getConnection()) {
            // hold the order's row so the modify is still in flight when the stop begins
            lock.setAutoCommit(false);
            try (PreparedStatement select = lock.prepareStatement("select id from paper_order where id = ? for update")) {
                select.setLong(1, Long.parseLong(placed));
                select.executeQuery().close();
            }
            modify = CompletableFuture.supplyAsync(() -> instance.http().postJson(trader.webhookPath(), """
                    {"action":"modify","accountName":"%s","orderId":%s,"price":11}""".formatted(trader.account(), placed)));
            await().atMost(Duration.ofSeconds(10)).until(() -> sql.number("""
                    select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'""") == 1);
            stop = CompletableFuture.runAsync(instance::close);
            await().atMost(Duration.ofSeconds(10)).until(instance::stopping);
            lock.rollback();
        }

        Answer answer = modify.get();
        stop.get();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/d/orderId").asText()).isEqualTo(placed);
        assertThat(sql.number("select count(*) from paper_order where id = ? and (fields->>'price')::numeric = 11",
                Long.parseLong(placed))).isEqualTo(1);
    }
}
