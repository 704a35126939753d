package io.tradehook.webhook;

import java.util.Map;

import io.tradehook.http.PublicRouterSetup;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import io.tradehook.common.Envelope;
import io.tradehook.common.Json;
import io.tradehook.common.Outcome;

/**
 * Answers the failures the HTTP server decides before any route runs (body over the limit, no such path, a
 * failing handler) in the same envelope as everything else, instead of Vert.x's plain-text pages. A body over the
 * limit sent to a webhook path with a well-formed API key is recorded like any refused webhook request, so the
 * trader sees the refused alert; other failures here name no key and belong to nobody, so they are not recorded.
 */
public final class ServerErrorPages extends PublicRouterSetup {

    private static final Map<Integer, String> MESSAGES = Map.of(
            400, "malformed HTTP request",
            404, "no such endpoint: webhooks are sent to /webhook/{apiKey}/{secretKey}",
            405, "method not allowed",
            413, "body too large",
            500, "internal error");

    private final long maxBodyBytes;
    private final RequestLog requestLog;
    private final WebhookPathGuard guard;

    public ServerErrorPages(int port, long maxBodyBytes, RequestLog requestLog, WebhookPathGuard guard) {
        super(port);
        this.maxBodyBytes = maxBodyBytes;
        this.requestLog = requestLog;
        this.guard = guard;
    }

    @Override
    protected void configure(CamelContext context, VertxPlatformHttpRouter router) {
        // failures raised by any route of this router (the body handler's 413 among them)
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> answer(ctx, ctx.statusCode()));
        // requests no route matched
        router.route().order(Integer.MAX_VALUE).handler(ctx -> answer(ctx, 404));
    }

    private void answer(RoutingContext ctx, int failedStatus) {
        int status = MESSAGES.containsKey(failedStatus) ? failedStatus : 500;
        String message = status == 413 ? MESSAGES.get(413) + ": at most " + maxBodyBytes + " bytes" : MESSAGES.get(status);
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        // a body over the limit on a webhook path never reaches its route: record it with what the guard took
        WebhookPathGuard.Taken taken = status == 413 ? guard.take(ctx.request()) : null;
        String apiKey = taken == null ? null : taken.apiKey();
        if (apiKey == null) {
            write(ctx, status, message);
            return;
        }
        // JDBC blocks: off the event loop, and the answer leaves once the row is written, as on the route
        ctx.vertx().executeBlocking(() -> {
            requestLog.recordRefused(apiKey, taken.sourceAddress(), new Outcome(status, Outcome.REJECTED, message, null));
            return null;
        }, false).onComplete(recorded -> write(ctx, status, message));
    }

    private static void write(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(io.vertx.core.buffer.Buffer.buffer(Json.bytes(Envelope.error(message))));
    }
}
