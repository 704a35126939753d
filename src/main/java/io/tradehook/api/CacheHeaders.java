package io.tradehook.api;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Caching rules for the API and the panel. Set on the Vert.x router because platform-http drops a
 * {@code Cache-Control} header set on the Camel message: API answers are never stored (a creation answer holds a
 * secret); the panel's files are revalidated on every load, so a new version shows at once.
 */
public final class CacheHeaders implements StartupListener {

    private final int port;

    public CacheHeaders(int port) {
        this.port = port;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the router exists once the HTTP server has started, which is what onCamelContextFullyStarted waits for
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            return;
        }
        router.route("/api/*").order(-1).handler(ctx -> {
            ctx.response().putHeader("Cache-Control", "no-store");
            ctx.next();
        });
        for (String path : new String[] {"/", "/docs", "/panel/*"}) {
            router.route(path).order(-1).handler(ctx -> {
                ctx.response().putHeader("Cache-Control", "no-cache");
                ctx.next();
            });
        }
    }
}
