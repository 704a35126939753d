package io.tradehook.te;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tradehook.common.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * One HTTP exchange with the TE Client API, on the Vert.x HTTP client of the gateway's own HTTP server: kept-alive
 * connections (at most {@code tradehook.te.connections}), HTTP/2 where TE offers it (negotiated by ALPN on an
 * {@code https} URL; a plain {@code http} URL stays on HTTP/1.1), no redirects, no retries of its own, and a hard time
 * limit per call ({@code tradehook.te.call-timeout-ms}) after which the exchange is reset. The calls run on one
 * event loop of their own context; the caller's virtual thread waits for the answer holding no thread. The request
 * carries the method, path, query, body and Bearer token, nothing else.
 *
 * <p>A 5xx, or a 2xx whose body is neither empty nor a JSON object, is a broker failure and is thrown, so the circuit
 * breaker counts it; any other status is an answer for the caller to judge. A 2xx without a body ({@code 204 No
 * Content}, as a modify or cancel may be answered) is a bare {@code {"s":"ok"}}.
 */
final class TeHttp {

    private static final JsonNode BARE_OK = JsonNodeFactory.instance.objectNode().put("s", "ok");
    /** Calls an HTTP/2 connection carries at once, as servers commonly allow; more open another connection. */
    private static final int STREAMS_PER_CONNECTION = 100;

    private final HttpClient client;
    private final Context eventLoop;
    private final String basePath;
    private final long callTimeoutMs;

    /** {@code caFile}: PEM certificates TE's is checked against instead of the JVM's (a broker's private CA). */
    TeHttp(Vertx vertx, String baseUrl, Optional<String> caFile, long connectTimeoutMs, long callTimeoutMs,
           int connections) {
        URI base = URI.create(baseUrl);
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        this.basePath = base.getRawPath() == null || base.getRawPath().equals("/") ? ""
                : base.getRawPath().replaceAll("/+$", "");
        this.callTimeoutMs = callTimeoutMs;
        HttpClientOptions options = new HttpClientOptions();
        caFile.ifPresent(file -> options.setTrustOptions(new PemTrustOptions().addCertPath(file)));
        this.client = vertx.createHttpClient(options
                        .setDefaultHost(base.getHost())
                        .setDefaultPort(base.getPort() != -1 ? base.getPort() : tls ? 443 : 80)
                        .setSsl(tls)
                        .setUseAlpn(tls)
                        .setProtocolVersion(tls ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1)
                        .setConnectTimeout((int) connectTimeoutMs)
                        .setKeepAlive(true)
                        .setTryUseCompression(false),
                new PoolOptions()
                        .setHttp1MaxSize(connections)
                        .setHttp2MaxSize(Math.max(1, (connections + STREAMS_PER_CONNECTION - 1) / STREAMS_PER_CONNECTION)));
        // created from a thread outside Vert.x: a new event-loop context, which every call and its answer runs on
        this.eventLoop = vertx.getOrCreateContext();
    }

    /** Sends the call and waits for TE's answer, at most the call's time limit. */
    TeAnswer exchange(TeCall call, String bearer) throws IOException, InterruptedException, TimeoutException {
        CompletableFuture<TeAnswer> answer = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        RequestOptions request = options(call, bearer);
        Buffer body = call.body() == null ? null : Buffer.buffer(Json.bytes(call.body()));
        eventLoop.runOnContext(start -> client.request(request)
                .compose(r -> {
                    sent.set(r);
                    if (answer.isDone()) {
                        // the caller gave up while the request waited for a connection: it must not leave now
                        r.reset();
                        return Future.failedFuture(new TimeoutException("not sent: the call's time limit passed"));
                    }
                    return body == null ? r.send() : r.send(body);
                })
                .compose(response -> response.body().map(bytes -> read(response.statusCode(), bytes.getBytes(),
                        response.getHeader("Retry-After"))))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        answer.complete(result.result());
                    } else {
                        answer.completeExceptionally(result.cause());
                    }
                }));
        try {
            return answer.get(callTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            answer.cancel(false);
            eventLoop.runOnContext(abort -> {
                HttpClientRequest inFlight = sent.get();
                if (inFlight != null) {
                    inFlight.reset();
                }
            });
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private RequestOptions options(TeCall call, String bearer) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.valueOf(call.method()))
                .setURI(basePath + call.path() + (call.query() == null ? "" : "?" + call.query()))
                .setFollowRedirects(false)
                .putHeader("Accept", "application/json");
        if (bearer != null) {
            request.putHeader("Authorization", "Bearer " + bearer);
        }
        if (call.body() != null) {
            request.putHeader("Content-Type", "application/json");
        }
        return request;
    }

    private static TeAnswer read(int status, byte[] bytes, String retryAfter) {
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
