package io.tradehook.webhook;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradehook.common.Envelope;
import io.tradehook.common.Json;
import io.tradehook.common.SummedWarning;
import io.tradehook.http.PublicRouterSetup;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code tradehook.webhook.max-in-flight} webhook requests are worked on at once; one more is answered 503
 * with {@code Retry-After} as soon as its body has arrived, before it becomes an exchange: nothing checked, claimed or
 * sent, so TradingView's resend 5 s later is a first request. A candle close sent as TradingView sends it brings every
 * alert at once, each on a connection of its own: beyond what the gateway finishes within the broker's budget, the
 * extra requests did all the work of an order (key, checks, admission) only to be refused at the broker for lack of
 * time, with the CPU the others needed. A close over fewer connections, each sending its next alert once answered,
 * stays under the limit. Other paths (the panel, the API) are not counted.
 *
 * <p>A request is counted from the moment its whole body is read (here, with the webhook route's body limit), not from
 * its headers: a sender that sends headers and holds its body back takes no place from the alerts behind it. HTTP/1
 * only, as TradingView and proxies send: platform-http's own body handler cannot take over an HTTP/2 request whose
 * body was read before it, so a cleartext HTTP/2 request is neither read early nor counted.
 */
public final class WebhookInFlightLimit extends PublicRouterSetup {

    private static final String BUSY = "gateway busy: too many webhook requests at once, nothing was sent, retry later";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookInFlightLimit.class);
    /** Set on a request once counted: the path guard reroutes it, and the router runs this handler again. */
    private static final String COUNTED = "tradehook.webhookCounted";
    private static final Buffer BUSY_BODY = Buffer.buffer(Json.bytes(Envelope.error(BUSY)));

    private final int maxInFlight;
    private final WebhookPathGuard guard;
    /** Reads a webhook's body before it is counted; the route's own body handler then finds it read. */
    private final BodyHandler body;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Counts a request out once its answer has ended: one handler for all, none made per request. */
    private final Handler<AsyncResult<Void>> countOut = done -> inFlight.decrementAndGet();
    private final Counter refused;
    private final SummedWarning refusals = new SummedWarning(LOG,
            "webhook requests answered 503 at once: tradehook.webhook.max-in-flight were being worked on");

    public WebhookInFlightLimit(int port, int maxInFlight, long maxBodyBytes, WebhookPathGuard guard,
                                MeterRegistry meters) {
        super(port);
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("tradehook.webhook.max-in-flight must be at least 1: " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.guard = guard;
        this.body = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
        // counted with the other answered webhooks; no action is known before the body is parsed
        this.refused = Counter.builder("tradehook.webhook.requests")
                .description("Webhook requests answered, by action, HTTP status and result")
                .tags("action", "none", "status", "503", "result", "busy")
                .register(meters);
        Gauge.builder("tradehook.webhook.in.flight", inFlight, AtomicInteger::get)
                .description("Webhook requests being worked on; past tradehook.webhook.max-in-flight, 503")
                .register(meters);
    }

    @Override
    protected void configure(CamelContext context, VertxPlatformHttpRouter router) {
        // after the path guard (which reroutes the request to its redacted path), before the route's handlers
        router.route().order(Integer.MIN_VALUE + 3).handler(ctx -> {
            if (isWebhook(ctx)) {
                body.handle(ctx);
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MIN_VALUE + 4).handler(this::admit);
    }

    private boolean isWebhook(RoutingContext ctx) {
        return ctx.get(COUNTED) == null && ctx.request().version() != HttpVersion.HTTP_2
                && guard.guards(ctx.normalizedPath());
    }

    private void admit(RoutingContext ctx) {
        if (!isWebhook(ctx)) {
            ctx.next();
            return;
        }
        ctx.put(COUNTED, Boolean.TRUE);
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            refused.increment();
            refusals.happened();
            ctx.response().setStatusCode(503)
                    .putHeader("Retry-After", "1")
                    .putHeader("Content-Type", "application/json")
                    .end(BUSY_BODY);
            return;
        }
        ctx.addEndHandler(countOut);
        ctx.next();
    }
}
