package io.tradehook.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Real HTTP to the gateway under test. */
public final class WebhookClient {

    /** An answer: status, raw body, and the body as JSON when it is JSON. */
    public record Answer(int status, String contentType, String body) {

        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String errmsg() {
            return json().path("errmsg").asText();
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    // HTTP/1.1 as TradingView sends: the JDK client would otherwise upgrade to HTTP/2 and share one connection
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public WebhookClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Answer postJson(String pathOrUrl, String body) {
        return send(pathOrUrl, "POST", "application/json", body);
    }

    /** A POST that fails the test when the answer takes longer than {@code within}. */
    public Answer postJson(String pathOrUrl, String body, Duration within) {
        return send(HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl))
                .timeout(within)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer send(String pathOrUrl, String method, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    public Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }
}
