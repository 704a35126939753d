package io.tradehook.webhook;

import java.util.Locale;

import io.tradehook.keys.KeyMaterial;
import io.tradehook.keys.PresentedKey;
import io.vertx.core.net.SocketAddress;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

/**
 * First step of every webhook request. Takes the key pair from the request path itself, then removes every
 * request header: platform-http merges query parameters and headers into the same map, so a {@code ?secretKey=}
 * or a {@code secretKey:} header must never be read, and the path must not reach a log, a trace or a broker.
 */
public final class WebhookIngress {

    static final String PREFIX = "/webhook/";
    static final String PRESENTED_KEY = "presentedKey";

    private final String prefix;

    public WebhookIngress() {
        this(PREFIX);
    }

    /** For another webhook path, {@code <prefix>{apiKey}/{secretKey}} (a second alert source, declared in YAML). */
    public WebhookIngress(String prefix) {
        this.prefix = prefix;
    }

    public void admit(Exchange exchange) {
        Message in = exchange.getMessage();
        String method = in.getHeader(Exchange.HTTP_METHOD, String.class);
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        PresentedKey key = keyFromPath(in.getHeader(Exchange.HTTP_PATH, String.class), prefix);
        exchange.setVariable(RequestLog.SOURCE_ADDRESS, sourceAddress(in.getHeader(VertxPlatformHttpConstants.REMOTE_ADDRESS)));

        in.removeHeaders("*");
        String apiKey = key != null && KeyMaterial.isWellFormed(key.apiKey()) ? key.apiKey() : null;
        String redacted = prefix + (apiKey == null ? "***" : apiKey) + "/***";
        in.setHeader(Exchange.HTTP_PATH, redacted);
        in.setHeader(Exchange.HTTP_URI, redacted);
        exchange.setVariable(RequestLog.API_KEY, apiKey);

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

    /** {@code /webhook/{apiKey}/{secretKey}} and nothing else; no decoding beyond what the server did. */
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

    private static String sourceAddress(Object remote) {
        return remote instanceof SocketAddress address ? address.hostAddress() : null;
    }
}
