package io.tradehook.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.tradehook.http.PublicRouterSetup;
import io.tradehook.keys.KeyMaterial;
import io.tradehook.keys.PresentedKey;
import io.tradehook.source.ClientAddress;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Keeps the webhook secret out of the exchange altogether. Before platform-http turns a request into an exchange
 * (and before Camel tracing, message history or any DEBUG log could print it), this Vert.x handler takes the key
 * pair from the path and the client address, drops every request header but the body's framing, and reroutes the
 * request to a redacted path without its query: the exchange only ever sees {@code /webhook/{apiKey}/***}.
 * {@link WebhookIngress} picks the key pair up from here.
 */
public final class WebhookPathGuard extends PublicRouterSetup {

    /** The key pair and client address taken from one request, until the route picks them up. */
    record Taken(PresentedKey key, String sourceAddress) {

        /** The API key when the path had a well-formed one, else null; never the secret. */
        String apiKey() {
            return key != null && KeyMaterial.isWellFormed(key.apiKey()) ? key.apiKey() : null;
        }
    }

    private static final String GUARDED = "tradehook.webhookGuarded";
    private static final Set<String> KEPT_HEADERS = Set.of("content-type", "content-length", "transfer-encoding");

    private final ClientAddress clientAddress;
    private final Map<HttpServerRequest, Taken> taken = new ConcurrentHashMap<>();
    private final Set<String> prefixes = ConcurrentHashMap.newKeySet();

    public WebhookPathGuard(int port, ClientAddress clientAddress) {
        super(port);
        this.clientAddress = clientAddress;
    }

    @Override
    protected void configure(CamelContext context, VertxPlatformHttpRouter router) {
        // every webhook ingress bean (the /webhook/ one, and any a YAML route file declares) gets its path guarded
        for (WebhookIngress ingress : context.getRegistry().findByType(WebhookIngress.class)) {
            prefixes.add(ingress.prefix());
            ingress.guardedBy(this);
        }
        router.route().order(Integer.MIN_VALUE + 1).handler(this::guard);
    }

    /** What was taken from the request, once: the route picks it up as its first step (or the error page, for a 413). */
    Taken take(HttpServerRequest request) {
        return request == null ? null : taken.remove(request);
    }

    private void guard(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        // the normalised path is what the router matches routes on: /%77ebhook/... must not slip past this guard
        String path = ctx.normalizedPath();
        String prefix = ctx.get(GUARDED) != null ? null : guardedPrefix(path);
        if (prefix == null) {
            ctx.next();
            return;
        }
        ctx.put(GUARDED, Boolean.TRUE);
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        List<String> forwardedFor = request.headers().getAll("X-Forwarded-For");
        Taken fromPath = new Taken(WebhookIngress.keyFromPath(path, prefix),
                clientAddress.resolve(peer, forwardedFor));
        taken.put(request, fromPath);
        ctx.addEndHandler(done -> taken.remove(request));
        // curl (large bodies) and some clients wait for 100 Continue before they send the body, a second otherwise;
        // the server does not send it by itself, and the header goes with the others below
        if (request.version() != HttpVersion.HTTP_2
                && request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            request.response().writeContinue();
        }
        // on the event loop: a plain pass over the headers, then the removals (not while iterating)
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<String, String> header : request.headers()) {
            if (!KEPT_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                dropped.add(header.getKey());
            }
        }
        dropped.forEach(request.headers()::remove);
        ctx.reroute(request.method(), WebhookIngress.redactedPath(prefix, fromPath.apiKey()));
    }

    /** Whether a path is one of a webhook ingress (known once the server runs): its exchanges carry orders. */
    public boolean guards(String path) {
        return guardedPrefix(path) != null;
    }

    /** The guarded prefix a path falls under ({@code /webhook} alone too), or null. */
    private String guardedPrefix(String path) {
        if (path == null) {
            return null;
        }
        for (String prefix : prefixes) {
            if (path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1))) {
                return prefix;
            }
        }
        return null;
    }
}
