package io.tradehook.api;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.tradehook.support.WebhookClient;
import io.tradehook.support.WebhookClient.Answer;

/** Management API calls as one user, with HTTP Basic credentials (or none). */
final class ApiCaller {

    private final WebhookClient http;
    private final String authorization;

    private ApiCaller(WebhookClient http, String authorization) {
        this.http = http;
        this.authorization = authorization;
    }

    static ApiCaller as(WebhookClient http, String login, String password) {
        return new ApiCaller(http, "Basic " + Base64.getEncoder()
                .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    static ApiCaller anonymous(WebhookClient http) {
        return new ApiCaller(http, null);
    }

    Answer get(String path) {
        return call("GET", path, null);
    }

    Answer post(String path, String body) {
        return call("POST", path, body);
    }

    Answer delete(String path) {
        return call("DELETE", path, null);
    }

    Answer call(String method, String path, String body) {
        return call(method, path, body, "application/json");
    }

    Answer call(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        // a POST is JSON even without a body: the API refuses anything else (415)
        if ((body != null || "POST".equals(method)) && contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request);
    }
}
