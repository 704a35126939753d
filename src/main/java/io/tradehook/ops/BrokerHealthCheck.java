package io.tradehook.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the broker's HTTP API can be reached ({@code tradehook.broker = te}). Any HTTP answer counts, even
 * 401 or 404: the check proves the network path and the server, not our credentials, and sends none.
 */
final class BrokerHealthCheck extends AbstractHealthCheck {

    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    BrokerHealthCheck(URI url, Duration timeout) {
        super("tradehook", "broker");
        this.url = url;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        HttpRequest head = HttpRequest.newBuilder(url).timeout(timeout)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        try {
            int status = client.send(head, HttpResponse.BodyHandlers.discarding()).statusCode();
            builder.up().detail("http.status", status);
        } catch (IOException e) {
            builder.down().message("broker unreachable at " + url.getHost() + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.down().message("broker check interrupted");
        }
    }
}
