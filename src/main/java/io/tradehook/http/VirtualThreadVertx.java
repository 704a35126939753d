package io.tradehook.http;

import java.util.concurrent.Executors;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxBuilder;
import org.apache.camel.CamelContext;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * The HTTP server's Vert.x, whose worker pool starts a virtual thread per task. platform-http runs each request's
 * route on a worker and holds it until the route is done, broker call and database waits included: on a pool of
 * platform threads that capped the requests in flight (48 by default), and a broker's 40 ms round trip capped the
 * orders per second. A virtual thread that waits holds no carrier thread, so in-flight requests are bounded by what
 * they wait for (database connections, broker connections, pacing), each with its own setting, not by a pool.
 *
 * <p>Registered as a bean, platform-http uses it instead of making its own; it is closed once the context has stopped,
 * after the HTTP server that runs on it.
 */
public final class VirtualThreadVertx extends LifecycleStrategySupport {

    private final Vertx vertx;

    public VirtualThreadVertx(VertxOptions options) {
        this.vertx = new VertxBuilder(options)
                .executorServiceFactory((threadFactory, concurrency, maxConcurrency) ->
                        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("vert.x-virtual-worker-", 0).factory()))
                .init()
                .vertx();
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public void onContextStopped(CamelContext context) {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
