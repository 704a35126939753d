package io.tradehook.ops;

import java.net.URI;
import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradehook.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * What the management port shows: readiness of the database (and of the TE broker when it is the one selected),
 * and the webhook's metrics in the Prometheus registry Camel serves on {@code /observe/metrics}.
 */
public final class Operations {

    private Operations() {
    }

    /** The Prometheus registry camel-micrometer-prometheus scrapes: created here so the pool can report into it. */
    public static MeterRegistry meterRegistry(CamelContext context) {
        MeterRegistry registry = context.getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        if (registry == null) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        }
        return registry;
    }

    public static void install(CamelContext context, Settings settings, DataSource dataSource, MeterRegistry registry) {
        Duration timeout = settings.getDuration("tradehook.health.timeout", Duration.ofSeconds(1));
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        health.register(new DatabaseHealthCheck(dataSource, timeout));
        if ("te".equals(settings.get("tradehook.broker", "paper"))) {
            URI url = URI.create(settings.get("tradehook.te.url")
                    .orElseThrow(() -> new IllegalArgumentException("tradehook.te.url is required when tradehook.broker = te")));
            health.register(new BrokerHealthCheck(url, timeout));
        }
        context.getManagementStrategy().addEventNotifier(new WebhookMetrics(registry));
    }
}
