package io.tradehook.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradehook.webhook.OrderReader;
import io.tradehook.common.Outcome;
import io.tradehook.webhook.RequestLog;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * The webhook's Prometheus series, in one place: every exchange that answered a webhook (it carries an
 * {@link Outcome}) is counted and timed when it completes, and every call into a broker route
 * ({@code direct:broker-place|modify|cancel}) is timed. Tags are bounded, whitelisted values only: action, HTTP
 * status and result - never a key, an account or anything else the sender chose.
 */
final class WebhookMetrics extends EventNotifierSupport {

    static final String DUPLICATE = "duplicate";
    private static final String BROKER_ENDPOINT = "direct://broker-";
    private static final String NO_ACTION = "none";

    private final MeterRegistry registry;
    private final Counter authFailures;
    private final Counter rateLimited;
    private final Counter duplicates;
    /** Meters by their tag values, built once each: registering on every request costs more than the count. */
    private final Map<String, Counter> requestCounters = new ConcurrentHashMap<>();
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<String, Timer> brokerTimers = new ConcurrentHashMap<>();

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.authFailures = Counter.builder("tradehook.webhook.auth.failures")
                .description("Webhook requests refused for a bad key pair (401)").register(registry);
        this.rateLimited = Counter.builder("tradehook.webhook.rate.limited")
                .description("Webhook requests refused by the rate limit (429)").register(registry);
        this.duplicates = Counter.builder("tradehook.webhook.duplicates")
                .description("Resent alerts answered from the first request instead of reaching the broker")
                .register(registry);
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    /**
     * Camel times a send, and reports it as sent, only when a notifier took its "sending" event: this one takes
     * those of the broker routes (and does nothing with them), so that no other send is timed.
     */
    @Override
    public boolean isEnabled(CamelEvent event) {
        if (event instanceof ExchangeSendingEvent sending) {
            return isBroker(sending.getEndpoint());
        }
        if (event instanceof ExchangeSentEvent sent) {
            return isBroker(sent.getEndpoint());
        }
        return event.getType() == CamelEvent.Type.ExchangeCompleted || event.getType() == CamelEvent.Type.ExchangeFailed;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        if (event instanceof ExchangeSendingEvent) {
            return;
        }
        if (event instanceof ExchangeSentEvent sent) {
            brokerCall(exchange, sent.getTimeTaken());
        } else if (exchange.getVariable(RequestLog.OUTCOME) instanceof Outcome outcome) {
            request(exchange, outcome);
        }
    }

    private void request(Exchange exchange, Outcome outcome) {
        String action = action(exchange);
        String status = Integer.toString(outcome.status());
        requestCounters.computeIfAbsent(action + ' ' + status + ' ' + outcome.result(), k -> Counter
                .builder("tradehook.webhook.requests")
                .description("Webhook requests answered, by action, HTTP status and result")
                .tags("action", action, "status", status, "result", outcome.result())
                .register(registry)).increment();
        requestTimers.computeIfAbsent(action + ' ' + outcome.result(), k -> Timer
                .builder("tradehook.webhook.duration")
                .description("Time from receiving a webhook to its answer")
                .tags("action", action, "result", outcome.result())
                .publishPercentileHistogram()
                .register(registry)).record(exchange.getClock().elapsed(), TimeUnit.MILLISECONDS);
        if (outcome.status() == 401) {
            authFailures.increment();
        } else if (outcome.status() == 429) {
            rateLimited.increment();
        }
        if (DUPLICATE.equals(outcome.result())) {
            duplicates.increment();
        }
    }

    /** A broker route that failed answers there and sets the outcome; one that succeeded leaves it to the reply. */
    private void brokerCall(Exchange exchange, long millis) {
        Outcome failed = exchange.getVariable(RequestLog.OUTCOME, Outcome.class);
        String action = action(exchange);
        String result = failed == null && !exchange.isFailed() ? Outcome.OK
                : failed == null ? Outcome.FAILED : failed.result();
        brokerTimers.computeIfAbsent(action + ' ' + result, k -> Timer
                .builder("tradehook.broker.duration")
                .description("Time the configured broker took to answer, by action and result")
                .tags("action", action, "result", result)
                .publishPercentileHistogram()
                .register(registry)).record(millis, TimeUnit.MILLISECONDS);
    }

    private static boolean isBroker(Endpoint endpoint) {
        return endpoint.getEndpointUri().startsWith(BROKER_ENDPOINT);
    }

    /** The action variable is set only after it matched the fixed list; anything else is not a tag value. */
    private static String action(Exchange exchange) {
        String action = exchange.getVariable(RequestLog.ACTION, String.class);
        return action != null && OrderReader.ACTIONS.contains(action) ? action : NO_ACTION;
    }
}
