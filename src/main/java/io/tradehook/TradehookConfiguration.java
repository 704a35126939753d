package io.tradehook;

import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradehook.db.Database;
import io.tradehook.keys.KeyRepository;
import io.tradehook.ops.Operations;
import io.tradehook.paper.PaperBroker;
import io.tradehook.symbols.SymbolMapper;
import io.tradehook.webhook.AccountGuard;
import io.tradehook.webhook.KeyAuthenticator;
import io.tradehook.webhook.OrderReader;
import io.tradehook.webhook.OrderValidator;
import io.tradehook.webhook.RequestLog;
import io.tradehook.webhook.ServerErrorPages;
import io.tradehook.webhook.WebhookIngress;
import io.tradehook.webhook.WebhookReply;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Creates the beans the YAML routes call by name. Runs once per context: the database is opened and migrated here,
 * not in {@code @BindToRegistry} methods, which Camel may call more than once.
 */
public class TradehookConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = Settings.of(context);
        Database database = Database.open(settings);
        context.addService(new DatabaseService(database), true, true);

        Registry registry = context.getRegistry();
        registry.bind("dataSource", database.dataSource());
        registry.bind("webhookIngress", new WebhookIngress());
        registry.bind("keyAuthenticator", new KeyAuthenticator(new KeyRepository(database.dataSource())));
        registry.bind("orderReader", new OrderReader());
        Path schemaDir = Path.of(settings.get("tradehook.schemas.dir", "schemas"));
        OrderValidator orderValidator = new OrderValidator(schemaDir);
        registry.bind("orderValidator", orderValidator);
        registry.bind("symbolMapper", settings.get("tradehook.symbols.file")
                .map(file -> SymbolMapper.fromFile(Path.of(file))).orElseGet(SymbolMapper::none));
        registry.bind("accountGuard", new AccountGuard());
        registry.bind("webhookReply", new WebhookReply());
        registry.bind("requestLog", new RequestLog(database.dataSource()));
        registry.bind("paperBroker", new PaperBroker(database.dataSource()));

        // health checks and metrics for the management port
        MeterRegistry meters = Operations.meterRegistry(context);
        database.reportPoolMetrics(meters);
        Operations.install(context, settings, database.dataSource(), meters);
        if (Boolean.parseBoolean(settings.get("tradehook.reload", "false"))) {
            Operations.reloadSchemasOnChange(context, orderValidator, schemaDir);
        }

        context.addStartupListener(new ServerErrorPages(settings.getInt("camel.server.port", 8080),
                Long.parseLong(settings.get("tradehook.webhook.max-body-bytes", "65536"))));
    }

    /** Closes the pool (and stops an embedded PostgreSQL) when Camel stops, after the routes. */
    private static final class DatabaseService extends ServiceSupport {
        private final Database database;

        DatabaseService(Database database) {
            this.database = database;
        }

        @Override
        protected void doStop() {
            database.close();
        }
    }
}
