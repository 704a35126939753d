package io.tradehook.webhook;

import java.util.Locale;

import io.tradehook.keys.PresentedKey;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import io.tradehook.common.Rejection;

/**
 * First step of every webhook request. {@link WebhookPathGuard} has already taken the key pair from the path, kept
 * the client address and redacted the path before the exchange existed; this step picks those up and removes every
 * header the route does not need: platform-http merges query parameters and headers into the same map, so a
 * {@code ?secretKey=} or a {@code secretKey:} header must never be read.
 */
public final class WebhookIngress {

    static final String PREFIX = "/webhook/";
    static final String PRESENTED_KEY = "presentedKey";

    private final String prefix;
    private volatile WebhookPathGuard guard;

    public WebhookIngress() {
        this(PREFIX);
    }

    /**
     * For another webhook path, {@code <prefix>{apiKey}/{secretKey}} (a second alert source declared in YAML):
     * the {@link WebhookPathGuard} finds this bean at start-up and guards its path too.
     */
    public WebhookIngress(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    void guardedBy(WebhookPathGuard pathGuard) {
        this.guard = pathGuard;
    }

    public void receive(Exchange exchange) {
        Message in = exchange.getMessage();
        String method = in.getHeader(Exchange.HTTP_METHOD, String.class);
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        // nothing taken: the request did not pass the guard (the server was still starting); refuse it as a bad key
        WebhookPathGuard pathGuard = guard;
        WebhookPathGuard.Taken taken = pathGuard != null && in instanceof HttpMessage http
                ? pathGuard.take(http.getRequest()) : null;
        PresentedKey key = taken == null ? null : taken.key();
        String apiKey = taken == null ? null : taken.apiKey();
        exchange.setVariable(RequestLog.SOURCE_ADDRESS, taken == null ? null : taken.sourceAddress());
        exchange.setVariable(RequestLog.API_KEY, apiKey);
        RequestDetail.received(exchange, in.getBody(byte[].class), key == null ? null : key.secret());
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_PATH, redactedPath(prefix, apiKey));
        in.setHeader(Exchange.HTTP_URI, redactedPath(prefix, apiKey));

        if (!"POST".equals(method)) {
            in.setHeader("Allow", "POST");
            throw new Rejection(405, "method not allowed: send the order with POST");
        }
        if (!isJsonOrText(contentType)) {
            throw new Rejection(415, "unsupported Content-Type: send the order as application/json or text/plain");
        }
        if (key == null) {
            throw Rejection.badKey();
        }
        exchange.setVariable(PRESENTED_KEY, key);
    }

    /** {@code <prefix>{apiKey}/***}: what logs, traces and the route see of a webhook path. */
    static String redactedPath(String prefix, String apiKey) {
        return prefix + (apiKey == null ? "***" : apiKey) + "/***";
    }

    /** {@code <prefix>{apiKey}/{secretKey}} and nothing else; no decoding beyond what the server did. */
    static PresentedKey keyFromPath(String path, String prefix) {
        if (path == null || !path.startsWith(prefix)) {
            return null;
        }
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        return new PresentedKey(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** TradingView sends text/plain when it is unsure the message is JSON; no Content-Type at all is fine too. */
    static boolean isJsonOrText(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json") || mediaType.startsWith("text/");
    }
}
