package io.tradehook.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The TE broker's readiness: any HTTP answer from its base URL is UP, no answer is DOWN; only readiness. */
class BrokerHealthCheckTest {

    @Test
    void broker_that_answers_even_401_is_up_and_one_that_is_gone_is_down() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        URI url = URI.create("http://localhost:" + server.getAddress().getPort() + "/traderevolution/v1");
        BrokerHealthCheck check = new BrokerHealthCheck(url, Duration.ofSeconds(1));
        check.setCamelContext(new DefaultCamelContext());
        try {
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
        } finally {
            server.stop(0);
        }
        HealthCheck.Result down = check.call();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValueSatisfying(message -> assertThat(message).contains("broker unreachable"));
        assertThat(check.isReadiness()).isTrue();
        assertThat(check.isLiveness()).isFalse();
    }
}
