package io.tradehook.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import io.vertx.core.buffer.Buffer;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;
import io.tradehook.common.Json;

/**
 * Webhook answers leave as the Vert.x buffer the path wrote: not converted to a stream (stream caching), which
 * platform-http would write through about 40 KB of buffers per answer in flight - 40 MB of heap in a burst over
 * 1,000 connections.
 */
class AnswerBodyTest extends GatewayTestSupport {

    /** The body each finished webhook exchange ended with, by the request's order quantity or key. */
    private final Map<String, Object> finalBodies = new ConcurrentHashMap<>();

    private void recordFinalBodies() {
        EventNotifierSupport notifier = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                ExchangeCompletedEvent completed = (ExchangeCompletedEvent) event;
                if ("webhook-receive".equals(completed.getExchange().getFromRouteId())) {
                    finalBodies.put(completed.getExchange().getExchangeId(), completed.getExchange().getMessage().getBody());
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof ExchangeCompletedEvent;
            }
        };
        notifier.start();
        context.getManagementStrategy().addEventNotifier(notifier);
    }

    @Test
    void placed_rejected_and_resent_orders_are_answered_from_the_buffer_written() throws Exception {
        recordFinalBodies();
        Trader trader = users.subscribedTrader();
        String order = """
                {"action":"place","accountName":"%s","symbol":"ABC","symbolType":"CRYPTO","type":"Limit","qty":5,
                 "side":"buy","price":34,"requestId":"answer-body-1"}""".formatted(trader.account());

        List<Answer> answers = List.of(
                http.postJson(trader.webhookPath(), order),
                http.postJson(trader.webhookPath(), order), // a resend: replayed from the claim
                http.postJson("/webhook/AAAAAAAAAAAAAAAAAAAAAA/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", order));
        assertThat(answers).extracting(Answer::status).containsExactly(200, 200, 401);

        await().atMost(Duration.ofSeconds(5)).until(() -> finalBodies.size() == answers.size());
        assertThat(finalBodies.values()).allSatisfy(body -> assertThat(body).isInstanceOf(Buffer.class));
        assertThat(finalBodies.values()).extracting(body -> Json.MAPPER.readTree(((Buffer) body).getBytes()))
                .containsExactlyInAnyOrderElementsOf(answers.stream().map(Answer::json).toList());
    }
}
