package io.tradehook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tradehook.support.GatewayTestSupport;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.junit.jupiter.api.Test;

/** The HTTP servers' Vert.x runs on Linux's epoll (netty-transport-native-epoll), not on the JDK's selector. */
class NativeTransportTest extends GatewayTestSupport {

    @Test
    void the_public_server_runs_on_epoll_and_answers() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the native transport shipped is Linux x86-64's");
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port()));

        assertThat(router.vertx().isNativeTransportEnabled()).isTrue();
        assertThat(http.postJson("/webhook/AAAAAAAAAAAAAAAAAAAAAA/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "{}").status())
                .isEqualTo(401);
    }
}
