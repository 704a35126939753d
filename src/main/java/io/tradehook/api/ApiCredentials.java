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
     * The request's credentials, once. An exchange that did not come through the guard (none of the server's) falls
     * back on its headers; the headers are removed either way.
     */
    Presented take(Exchange exchange) {
        Message in = exchange.getMessage();
        Presented fromGuard = in instanceof HttpMessage http && http.getRequest() != null
                ? presented.remove(http.getRequest()) : null;
        Presented fromHeaders = new Presented(in.getHeader("Authorization", String.class),
                in.getHeader("Cookie", String.class));
        in.removeHeader("Authorization");
        in.removeHeader("Cookie");
        return fromGuard != null ? fromGuard : fromHeaders;
    }

    private void guard(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path != null && (path.equals(PREFIX) || path.startsWith(PREFIX + "/"))) {
            HttpServerRequest request = ctx.request();
            String authorization = request.headers().get("Authorization");
            String cookie = String.join("; ", request.headers().getAll("Cookie"));
            if (authorization != null || !cookie.isEmpty()) {
                presented.put(request, new Presented(authorization, cookie.isEmpty() ? null : cookie));
                ctx.addEndHandler(done -> presented.remove(request));
                request.headers().remove("Authorization");
                request.headers().remove("Cookie");
            }
        }
        ctx.next();
    }
}
