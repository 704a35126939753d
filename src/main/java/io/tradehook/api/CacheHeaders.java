package io.tradehook.api;

import io.tradehook.http.PublicRouterSetup;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Caching rules for the API and the panel. Set on the Vert.x router because platform-http drops a
 * {@code Cache-Control} header set on the Camel message: API answers are never stored (a creation answer holds a
 * secret); the panel's files are revalidated on every load, so a new version shows at once.
 */
public final class CacheHeaders extends PublicRouterSetup {


    public CacheHeaders(int port) {
        super(port);
    }

    @Override
    protected void configure(CamelContext context, VertxPlatformHttpRouter router) {
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
