package io.tradehook.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tradehook.support.GatewayTestSupport;
import io.vertx.core.Vertx;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.junit.jupiter.api.Test;

/**
 * The routes run on the public server's Vert.x worker threads, sized by {@code tradehook.http.worker-threads}
 * (48; Vert.x's own default is 20): that many requests can wait for the database at once and join its groups.
 */
class WorkerThreadsTest extends GatewayTestSupport {

    private static final int WORKER_THREADS = 48;

    @Test
    void forty_eight_blocking_tasks_run_at_once_on_the_public_server() throws InterruptedException {
        Vertx vertx = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port())).vertx();
        CountDownLatch running = new CountDownLatch(WORKER_THREADS);
        CountDownLatch release = new CountDownLatch(1);
        try {
            for (int i = 0; i < WORKER_THREADS; i++) {
                vertx.executeBlocking(() -> {
                    running.countDown();
                    return release.await(30, TimeUnit.SECONDS);
                }, false);
            }
            // with fewer threads the tasks past the pool's size would queue until the first ones end
            assertThat(running.await(20, TimeUnit.SECONDS)).as("all %d tasks running together", WORKER_THREADS).isTrue();
        } finally {
            release.countDown();
        }
    }
}
