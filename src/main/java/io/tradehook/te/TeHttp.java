package io.tradehook.te;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tradehook.common.Json;

/**
 * One HTTP exchange with the TE Client API, on the JDK's HTTP client: keep-alive connections, HTTP/2 where TE offers
 * it (negotiated over TLS; plain {@code http://} stays on HTTP/1.1, no upgrade attempted), no redirects and no
 * retries of its own, and a hard time limit per call ({@code tradehook.te.call-timeout-ms}) after which the exchange
 * is aborted. The request carries the method, path, query, body and Bearer token, nothing else.
 *
 * <p>A 5xx, or a 2xx whose body is neither empty nor a JSON object, is a broker failure and is thrown, so the circuit
 * breaker counts it; any other status is an answer for the caller to judge. A 2xx without a body ({@code 204 No
 * Content}, as a modify or cancel may be answered) is a bare {@code {"s":"ok"}}.
 */
final class TeHttp {

    private static final JsonNode BARE_OK = JsonNodeFactory.instance.objectNode().put("s", "ok");

    private final HttpClient client;
    private final String baseUrl;
    private final long callTimeoutMs;

    TeHttp(String baseUrl, long connectTimeoutMs, long callTimeoutMs) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.callTimeoutMs = callTimeoutMs;
        boolean tls = this.baseUrl.regionMatches(true, 0, "https:", 0, 6);
        this.client = HttpClient.newBuilder()
                .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(connectTimeoutMs))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends the call and waits for TE's answer, at most the call's time limit. */
    TeAnswer exchange(TeCall call, String bearer) throws IOException, InterruptedException, TimeoutException {
        CompletableFuture<HttpResponse<byte[]>> sent = client.sendAsync(request(call, bearer),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = sent.get(callTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            sent.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        return read(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(null));
    }

    private HttpRequest request(TeCall call, String bearer) {
        String uri = baseUrl + call.path() + (call.query() == null ? "" : "?" + call.query());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                .header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (call.body() != null) {
            request.header("Content-Type", "application/json");
            return request.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(Json.bytes(call.body()))).build();
        }
        return request.method(call.method(), HttpRequest.BodyPublishers.noBody()).build();
    }

    static TeAnswer read(int status, byte[] bytes, String retryAfter) {
        if (status >= 500) {
            throw new TeServerError("HTTP " + status);
        }
        JsonNode body;
        if (bytes == null || bytes.length == 0) {
            body = status / 100 == 2 ? BARE_OK : JsonNodeFactory.instance.objectNode();
        } else {
            body = parse(bytes);
            if (body == null || !body.isObject()) {
                if (status / 100 == 2) {
                    throw new TeServerError("HTTP " + status + " with a body that is not a JSON object");
                }
                body = JsonNodeFactory.instance.objectNode();
            }
        }
        return new TeAnswer(status, body, retryAfterSeconds(retryAfter));
    }

    /** Retry-After in seconds; an HTTP date or anything unreadable counts as not said. */
    private static long retryAfterSeconds(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /** TE failed (5xx) or answered nonsense: the call reached it, so its effect is unknown. */
    static final class TeServerError extends RuntimeException {
        TeServerError(String message) {
            super(message, null, false, false);
        }
    }
}
