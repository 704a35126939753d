package io.tradehook.api;

import java.util.List;

import io.tradehook.source.ClientAddress;
import io.vertx.core.http.HttpServerRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * What the HTTP request itself said, read from Vert.x rather than from the Camel message: platform-http merges query
 * parameters and form fields into the message's headers, so {@code ?Authorization=...}, {@code ?Cookie=...} or
 * {@code ?id=1} would pass for a header or a path parameter there.
 */
final class ApiRequest {

    private ApiRequest() {
    }

    /** A header the client really sent (the first, if sent more than once); null when absent. */
    static String header(Exchange exchange, String name) {
        HttpServerRequest request = of(exchange);
        return request == null ? null : request.getHeader(name);
    }

    /** A parameter of the request's real query string; null when absent. */
    static String query(Exchange exchange, String name) {
        HttpServerRequest request = of(exchange);
        return request == null ? null : request.getParam(name);
    }

    /** The request's path, without its query. */
    static String path(Exchange exchange) {
        HttpServerRequest request = of(exchange);
        return request == null ? "" : request.path();
    }

    /**
     * The id a path {@code /api/{collection}/{id}[/...]} names, from the request's own path: the message's "id"
     * header could be a query parameter ({@code ?id=1}) or a header the client sent. Empty when there is none.
     */
    static String pathId(Exchange exchange) {
        String[] segments = path(exchange).split("/", -1);
        return segments.length > 3 ? segments[3] : "";
    }

    /** The client's address: the peer, or what trusted proxies said it is ({@code tradehook.trusted-proxies}). */
    static String clientAddress(Exchange exchange, ClientAddress clientAddress) {
        HttpServerRequest request = of(exchange);
        if (request == null || request.remoteAddress() == null) {
            return null;
        }
        List<String> forwardedFor = request.headers().getAll("X-Forwarded-For");
        return clientAddress.resolve(request.remoteAddress().hostAddress(), forwardedFor);
    }

    private static HttpServerRequest of(Exchange exchange) {
        return exchange.getMessage() instanceof HttpMessage http ? http.getRequest() : null;
    }
}
