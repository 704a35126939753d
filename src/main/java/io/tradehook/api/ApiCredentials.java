package io.tradehook.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tradehook.http.PublicRouterSetup;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Keeps a management API caller's credentials out of the exchange, as the webhook path guard keeps the webhook secret
 * out: before platform-http turns a request under {@code /api} into an exchange (and before tracing or a DEBUG log
 * could print its headers), this Vert.x handler takes the {@code Authorization} and {@code Cookie} headers off the
 * request. {@link ApiAuthenticator} and {@link SessionApi} take them from here.
 */
public final class ApiCredentials extends PublicRouterSetup {

    /** What a request presented: HTTP Basic, the session cookie header; either may be null. */
    record Presented(String authorization, String cookie) {
        static final Presented NONE = new Presented(null, null);
    }

    private static final String PREFIX = "/api";

    private final Map<HttpServerRequest, Presented> presented = new ConcurrentHashMap<>();

    public ApiCredentials(int port) {
        super(port);
    }

    @Override
    protected void configure(CamelContext context, VertxPlatformHttpRouter router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::guard);
    }

    /**
     * The request's credentials, once: what the guard took off it. A request the guard did not see gives its real
     * headers (as {@link ApiRequest#header} reads them); an exchange that is no HTTP request (none of the server's)
     * gives none. Never the message's headers: platform-http merges query parameters and form fields into them, so
     * {@code ?Authorization=...} would pass for a header there. The message's headers of those names are removed
     * either way, so no later step, log or answer carries them.
     */
    Presented take(Exchange exchange) {
        Message in = exchange.getMessage();
        HttpServerRequest request = in instanceof HttpMessage http ? http.getRequest() : null;
        Presented taken = Presented.NONE;
        if (request != null) {
            Presented fromGuard = presented.remove(request);
            taken = fromGuard != null ? fromGuard : of(request);
        }
        in.removeHeader("Authorization");
        in.removeHeader("Cookie");
        return taken;
    }

    private static Presented of(HttpServerRequest request) {
        String cookie = String.join("; ", request.headers().getAll("Cookie"));
        return new Presented(request.headers().get("Authorization"), cookie.isEmpty() ? null : cookie);
    }

    private void guard(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path != null && (path.equals(PREFIX) || path.startsWith(PREFIX + "/"))) {
            HttpServerRequest request = ctx.request();
            Presented found = of(request);
            if (found.authorization() != null || found.cookie() != null) {
                presented.put(request, found);
                ctx.addEndHandler(done -> presented.remove(request));
                request.headers().remove("Authorization");
                request.headers().remove("Cookie");
            }
        }
        ctx.next();
    }
}
