package io.tradehook.ops;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradehook.common.Settings;
import io.tradehook.webhook.OrderValidator;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.FileWatcherResourceReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the management port shows: readiness of the database (and of the TE broker when it is the one selected),
 * and the webhook's metrics in the Prometheus registry Camel serves on {@code /observe/metrics}.
 */
public final class Operations {

    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

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

    /**
     * Hot reload of {@code schemas/} ({@code tradehook.reload = true}): any change to a {@code .json} file there
     * rebuilds the validator; a schema that does not load is logged and the previous schemas stay in use.
     * (Routes reload through Camel's own {@code camel.main.routes-reload-*}.)
     */
    public static void reloadSchemasOnChange(CamelContext context, OrderValidator validator, Path schemaDir)
            throws Exception {
        FileWatcherResourceReloadStrategy watcher = new FileWatcherResourceReloadStrategy(schemaDir.toString());
        watcher.setFileFilter(file -> file.getName().endsWith(".json"));
        watcher.setResourceReload((name, resource) -> {
            try {
                validator.reload();
                LOG.info("Schemas reloaded after a change to {}", name);
            } catch (RuntimeException e) {
                LOG.warn("Schemas not reloaded after a change to {}, the previous ones stay in use: {}", name, e.getMessage());
            }
        });
        context.addService(watcher, true, true);
    }
}
