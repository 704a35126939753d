package io.tradehook.webhook;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExchangeFormatter;
import org.apache.camel.spi.Tracer;
import org.apache.camel.support.ExchangeHelper;

/**
 * Camel's tracer ({@code camel.main.tracing=true}) prints every exchange with its headers, the first time at the
 * route's input, before {@link WebhookIngress} has run: the raw path, query and request headers would carry the
 * secret into the log. This formatter prints such an exchange as the ingress leaves it, so turning tracing on to
 * chase a misbehaving alert never logs a secret.
 */
public final class TraceRedaction implements ExchangeFormatter {

    private final ExchangeFormatter delegate;

    private TraceRedaction(ExchangeFormatter delegate) {
        this.delegate = delegate;
    }

    public static void install(CamelContext context) {
        Tracer tracer = context.getTracer();
        tracer.setExchangeFormatter(new TraceRedaction(tracer.getExchangeFormatter()));
    }

    @Override
    public String format(Exchange exchange) {
        if (!WebhookIngress.isUnredacted(exchange.getMessage())) {
            return delegate.format(exchange);
        }
        Exchange copy = ExchangeHelper.createCopy(exchange, true);
        WebhookIngress.redact(copy.getMessage());
        return delegate.format(copy);
    }
}
