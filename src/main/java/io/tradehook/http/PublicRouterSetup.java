package io.tradehook.http;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Adds Vert.x handlers to the public HTTP server's router: it exists once the server has started, which is what
 * {@link #onCamelContextFullyStarted} waits for.
 */
public abstract class PublicRouterSetup implements StartupListener {

    private final int port;

    protected PublicRouterSetup(int port) {
        this.port = port;
    }

    @Override
    public final void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // too early: the router is looked up once the context has fully started
    }

    @Override
    public final void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router != null) {
            configure(context, router);
        }
    }

    protected abstract void configure(CamelContext context, VertxPlatformHttpRouter router);
}
