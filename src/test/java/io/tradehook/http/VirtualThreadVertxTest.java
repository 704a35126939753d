package io.tradehook.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tradehook.support.GatewayTestSupport;
import io.vertx.core.Vertx;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.junit.jupiter.api.Test;

/**
 * The public server's Vert.x runs each blocking task, a request's route among them, on a virtual thread of its own:
 * far more requests than any thread pool could hold wait together (for the broker, the database) without a queue.
 */
class VirtualThreadVertxTest extends GatewayTestSupport {

    /** Forty times the platform-thread pool this replaced. */
    private static final int TASKS = 2_000;

    @Test
    void two_thousand_blocking_tasks_run_at_once_each_on_a_virtual_thread() throws InterruptedException {
        Vertx vertx = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port())).vertx();
        CountDownLatch running = new CountDownLatch(TASKS);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger virtual = new AtomicInteger();
        try {
            for (int i = 0; i < TASKS; i++) {
                vertx.executeBlocking(() -> {
                    if (Thread.currentThread().isVirtual()) {
                        virtual.incrementAndGet();
                    }
                    running.countDown();
                    return release.await(30, TimeUnit.SECONDS);
                }, false);
            }
            // on a pool of platform threads the tasks past its size would queue until the first ones end
            assertThat(running.await(20, TimeUnit.SECONDS)).as("all %d tasks waiting together", TASKS).isTrue();
            assertThat(virtual).hasValue(TASKS);
        } finally {
            release.countDown();
        }
    }
}
