package io.tradehook.tracing;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Predicate;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.spi.ExchangeFormatter;
import org.apache.camel.util.SensitiveUtils;

/**
 * What Camel's tracer prints of an exchange ({@code camel.main.tracing=true}). Camel's own formatter prints every
 * header and body: a management API call's credentials, a login's password, a created key's secret and webhook URL,
 * a session cookie, TE's sign-in query and Bearer token. This one prints the body only of a webhook request (an
 * order: the path guard already took the secret out of the exchange), and masks the value of every header that can
 * carry a credential, on every route.
 */
public final class SecretFreeTraceFormatter implements ExchangeFormatter {

    static final String MASK = "***";
    /** Headers whose values are credentials, or can hold one (a query string, a URI). Lower case. */
    private static final Set<String> MASKED_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "camelhttpquery", "camelhttprawquery", "camelhttpuri", "camelhttpurl");
    private static final int MAX_BODY_CHARS = 1000;

    private final Predicate<String> webhookPath;

    /** {@code webhookPath}: whether a consumer's path is a webhook ingress ({@code /webhook/}), whose bodies are orders. */
    SecretFreeTraceFormatter(Predicate<String> webhookPath) {
        this.webhookPath = webhookPath;
    }

    /** Replaces the formatter of the context's tracer, whether or not tracing is on now (it can be turned on live). */
    public static void install(CamelContext context, Predicate<String> webhookPath) {
        context.getTracer().setExchangeFormatter(new SecretFreeTraceFormatter(webhookPath));
    }

    @Override
    public String format(Exchange exchange) {
        Message message = exchange.getMessage();
        StringJoiner headers = new StringJoiner(", ", "{", "}");
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            headers.add(header.getKey() + "=" + (masked(header.getKey()) ? MASK : header.getValue()));
        }
        Object body = message.getBody();
        String bodyType = body == null ? "null" : body.getClass().getSimpleName();
        return "Exchange[Id: " + exchange.getExchangeId() + ", Headers: " + headers + ", BodyType: " + bodyType
                + ", Body: " + (showsBody(exchange) ? text(message) : "[hidden outside the webhook path]") + "]";
    }

    static boolean masked(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return MASKED_HEADERS.contains(name) || SensitiveUtils.containsSensitive(name);
    }

    /** Only an exchange that a webhook ingress received carries an order; anything else may carry a credential. */
    private boolean showsBody(Exchange exchange) {
        String path = exchange.getFromEndpoint() instanceof PlatformHttpEndpoint http ? http.getPath() : null;
        return path != null && webhookPath.test(path);
    }

    private static String text(Message message) {
        String text = message.getBody(String.class);
        if (text == null) {
            return "[null]";
        }
        return text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) + "... (truncated)" : text;
    }
}
