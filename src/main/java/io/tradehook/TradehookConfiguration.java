package io.tradehook;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradehook.admission.Admission;
import io.tradehook.api.ApiAuthenticator;
import io.tradehook.api.ApiCredentials;
import io.tradehook.api.ApiGuard;
import io.tradehook.api.ApiReply;
import io.tradehook.api.CacheHeaders;
import io.tradehook.api.KeyLimitsApi;
import io.tradehook.api.KeysApi;
import io.tradehook.api.PanelFiles;
import io.tradehook.api.RequestsApi;
import io.tradehook.api.SessionApi;
import io.tradehook.api.TestAlertApi;
import io.tradehook.db.Database;
import io.tradehook.db.EmbeddedPostgresStart;
import io.tradehook.db.GroupCommit;
import io.tradehook.idempotency.Idempotency;
import io.tradehook.keys.KeyCache;
import io.tradehook.keys.KeyChangeListener;
import io.tradehook.keys.KeyIssuer;
import io.tradehook.keys.KeyLimitsRepository;
import io.tradehook.keys.KeyRepository;
import io.tradehook.http.VirtualThreadVertx;
import io.tradehook.ops.Operations;
import io.tradehook.paper.PaperBroker;
import io.tradehook.paper.PaperCapacity;
import io.tradehook.ratelimit.RateLimit;
import io.tradehook.ratelimit.UserRateLimit;
import io.tradehook.restrictions.KeyRestrictions;
import io.tradehook.retention.Retention;
import io.tradehook.signal.SignalAgeGuard;
import io.tradehook.source.ClientAddress;
import io.tradehook.symbols.SymbolMapper;
import io.tradehook.tracing.SecretFreeTraceFormatter;
import io.tradehook.te.TeBroker;
import io.tradehook.users.LoginThrottle;
import io.tradehook.users.PasswordLogin;
import io.tradehook.users.SessionRepository;
import io.tradehook.users.UserRepository;
import io.tradehook.webhook.AccountGuard;
import io.tradehook.webhook.BadKeyLimit;
import io.tradehook.webhook.KeyAuthenticator;
import io.tradehook.webhook.OrderReader;
import io.tradehook.webhook.OrderValidator;
import io.tradehook.webhook.RequestCommit;
import io.tradehook.webhook.RequestDetail;
import io.tradehook.webhook.RequestLog;
import io.tradehook.webhook.ServerErrorPages;
import io.tradehook.webhook.WebhookInFlightLimit;
import io.tradehook.webhook.WebhookIngress;
import io.tradehook.webhook.WebhookPathGuard;
import io.tradehook.webhook.WebhookReply;
import io.vertx.core.VertxOptions;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import io.tradehook.common.Settings;

/**
 * Creates the beans the YAML routes call by name. Runs once per context: the database is opened and migrated here,
 * not in {@code @BindToRegistry} methods, which Camel may call more than once. The database opens in the background
 * while Camel builds and starts the routes; start-up completes only once it is open, and fails if it cannot be.
 */
public class TradehookConfiguration implements CamelConfiguration {

    private final CompletableFuture<Optional<EmbeddedPostgresStart>> embeddedStart;

    public TradehookConfiguration() {
        this(CompletableFuture.completedFuture(Optional.empty()));
    }

    /** With the embedded PostgreSQL already being started by {@code main} ({@link EmbeddedPostgresStart#beginReading}). */
    public TradehookConfiguration(CompletableFuture<Optional<EmbeddedPostgresStart>> embeddedStart) {
        this.embeddedStart = embeddedStart;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = Settings.of(context);
        Database database = Database.open(settings, embeddedStart.join());
        DatabaseService databaseService = new DatabaseService(database);
        context.addService(databaseService, true, true);
        context.addStartupListener(databaseService);
        Registry registry = context.getRegistry();
        registry.bind("dataSource", database.dataSource());
        KeyRepository keys = new KeyRepository(database.dataSource());
        KeyCache keyCache = new KeyCache(keys, settings.getDuration("tradehook.keys.cache-ttl", Duration.ofMinutes(5)),
                settings.getDuration("tradehook.keys.unknown-ttl", Duration.ofSeconds(10)),
                Operations.meterRegistry(context), Clock.systemUTC());
        if (keyCache.enabled()) {
            context.addService(new KeyChangeListener(keyCache,
                    () -> database.connectOutsidePool(KeyChangeListener.APPLICATION_NAME)), true, true);
        }
        Idempotency idempotency = new Idempotency(database.dataSource(),
                settings.getDuration("tradehook.idempotency.request-id-window", Duration.ofDays(1)),
                settings.getDuration("tradehook.idempotency.duplicate-window", Duration.ofSeconds(20)),
                settings.getDuration("tradehook.idempotency.wait", Duration.ofSeconds(2)));
        RateLimit rateLimit = new RateLimit(settings.getInt("tradehook.ratelimit.limit", 120),
                settings.getDuration("tradehook.ratelimit.window", Duration.ofMinutes(1)));
        boolean paperBroker = !"te".equals(settings.get("tradehook.broker", "paper"));
        Admission admission = new Admission(database.asynchronousCommitDataSource(), rateLimit, idempotency,
                paperBroker);
        // the paper broker's places are admitted in the group commit that writes their orders
        GroupCommit groupCommit = new GroupCommit(database.groupCommitDataSource(), admission);
        context.addService(groupCommit, true, true);

        OrderValidator orderValidator = bindWebhookPath(registry, settings, groupCommit, keyCache,
                Operations.meterRegistry(context));
        // the HTTP servers' Vert.x, on epoll where the native transport loads; each request's route runs on a virtual
        // thread of its own. The TE broker's HTTP client runs on it too
        VirtualThreadVertx vertx = new VirtualThreadVertx(new VertxOptions().setPreferNativeTransport(true));
        context.addLifecycleStrategy(vertx);
        registry.bind("vertx", vertx.vertx());
        registry.bind("paperBroker", new PaperBroker(database.dataSource(), database.asynchronousCommitDataSource()));
        if (paperBroker) {
            registry.bind("brokerCapacity", new PaperCapacity());
        } else {
            TeBroker.register(context, settings, database, vertx.vertx());
        }
        bindReliability(context, registry, settings, database, idempotency, admission);
        // health checks and metrics for the management port (the pools report into the registry from their start)
        MeterRegistry meters = Operations.meterRegistry(context);
        database.reportPoolMetrics(meters);
        int port = settings.getInt("camel.server.port", 8080);
        // the API's credentials are taken off its requests before they become exchanges (kept out of traces)
        ApiCredentials apiCredentials = new ApiCredentials(port);
        context.addStartupListener(apiCredentials);
        bindManagementApi(registry, settings, database, keyCache, meters, apiCredentials);

        Operations.install(context, settings, database.dataSource(), meters);
        if (Boolean.parseBoolean(settings.get("tradehook.reload", "false"))) {
            Operations.reloadSchemasOnChange(context, orderValidator, Path.of(schemaDir(settings)));
        }

        // Vert.x handlers on the public router, added once the HTTP server runs
        WebhookPathGuard pathGuard = new WebhookPathGuard(port,
                ClientAddress.of(settings.get("tradehook.trusted-proxies", "")));
        context.addStartupListener(pathGuard);
        long maxBodyBytes = Long.parseLong(settings.get("tradehook.webhook.max-body-bytes", "65536"));
        context.addStartupListener(new WebhookInFlightLimit(port,
                settings.getInt("tradehook.webhook.max-in-flight", 1000), maxBodyBytes, pathGuard, meters));
        // tracing prints an order's body, never a credential (camel.main.tracing may be turned on in production)
        SecretFreeTraceFormatter.install(context, pathGuard::guards);
        context.addStartupListener(new CacheHeaders(port));
        context.addStartupListener(new ServerErrorPages(port, maxBodyBytes,
                registry.lookupByNameAndType("requestLog", RequestLog.class), pathGuard));
    }

    /** The beans of routes/webhook.camel.yaml, from ingress to the request record. */
    private static OrderValidator bindWebhookPath(Registry registry, Settings settings, GroupCommit groupCommit,
                                                  KeyCache keys, MeterRegistry meters) {
        OrderValidator orderValidator = new OrderValidator(Path.of(schemaDir(settings)));
        registry.bind("webhookIngress", new WebhookIngress());
        registry.bind("keyAuthenticator", new KeyAuthenticator(keys, new BadKeyLimit(
                settings.getInt("tradehook.webhook.bad-keys-per-address", 60),
                settings.getDuration("tradehook.webhook.bad-keys-window", Duration.ofMinutes(1)), Clock.systemUTC()),
                // tradehook.ratelimit.limit = 0 turns rate limiting off, the per-user limit with it
                new UserRateLimit(settings.getInt("tradehook.ratelimit.limit", 120) == 0 ? 0
                        : settings.getInt("tradehook.ratelimit.user-limit", 600),
                        settings.getDuration("tradehook.ratelimit.window", Duration.ofMinutes(1)), Clock.systemUTC())));
        registry.bind("orderReader", new OrderReader());
        registry.bind("symbolMapper", settings.get("tradehook.symbols.file")
                .map(file -> SymbolMapper.fromFile(Path.of(file))).orElseGet(SymbolMapper::none));
        registry.bind("orderValidator", orderValidator);
        registry.bind("accountGuard", new AccountGuard());
        registry.bind("webhookReply", new WebhookReply());
        registry.bind("requestLog", new RequestLog(groupCommit));
        registry.bind("requestDetail", new RequestDetail());
        registry.bind("requestCommit", new RequestCommit(groupCommit, meters));
        return orderValidator;
    }

    private static String schemaDir(Settings settings) {
        return settings.get("tradehook.schemas.dir", "schemas");
    }

    /**
     * The beans of routes/api.camel.yaml: login, keys, request history, the panel's files. They use the management
     * pool only, so nothing done to the API can take a connection the webhook path needs.
     */
    private static void bindManagementApi(Registry registry, Settings settings, Database database,
                                          KeyCache keyCache, MeterRegistry meters, ApiCredentials credentials) {
        database.withManagementPoolSize(settings.getInt("tradehook.db.api-pool-size", 4));
        DataSource api = database.managementDataSource();
        SessionRepository sessions = new SessionRepository(api,
                settings.getDuration("tradehook.session.ttl", Duration.ofHours(8)));
        LoginThrottle throttle = new LoginThrottle(settings.getInt("tradehook.login.max-failures", 5),
                settings.getInt("tradehook.login.max-failures-per-address", 20),
                settings.getDuration("tradehook.login.first-delay", Duration.ofSeconds(1)),
                settings.getDuration("tradehook.login.lockout", Duration.ofMinutes(1)), Clock.systemUTC());
        PasswordLogin passwords = new PasswordLogin(api, throttle,
                settings.getInt("tradehook.login.concurrency", 2), meters);
        ClientAddress clientAddress = ClientAddress.of(settings.get("tradehook.trusted-proxies", ""));
        UserRepository users = new UserRepository(api);
        registry.bind("apiGuard", new ApiGuard(settings.publicUrl()));
        registry.bind("apiAuthenticator", new ApiAuthenticator(sessions, passwords, credentials, clientAddress));
        registry.bind("sessionApi", new SessionApi(passwords, sessions, users, settings.publicUrl(), credentials,
                clientAddress));
        KeyRepository keys = new KeyRepository(api);
        registry.bind("keysApi", new KeysApi(new KeyIssuer(keys, settings.publicUrl()), keys, keyCache,
                settings.getInt("tradehook.keys.max-per-user", 20)));
        registry.bind("keyLimitsApi", new KeyLimitsApi(new KeyLimitsRepository(api), users, keyCache));
        // a test alert then goes down the webhook path like any alert, with its beans
        registry.bind("testAlertApi", new TestAlertApi(keys,
                registry.lookupByNameAndType("keyAuthenticator", KeyAuthenticator.class),
                registry.lookupByNameAndType("orderReader", OrderReader.class)));
        registry.bind("requestsApi", new RequestsApi(api));
        registry.bind("apiReply", new ApiReply());
        registry.bind("panelFiles", new PanelFiles(Path.of(schemaDir(settings))));
    }

    /** Resend safety, rate limits, key restrictions, the stale-signal guard and request retention. */
    private static void bindReliability(CamelContext context, Registry registry, Settings settings, Database database,
                                        Idempotency idempotency, Admission admission) throws Exception {
        registry.bind("idempotency", idempotency);
        context.addService(admission, true, true);
        registry.bind("admission", admission);
        registry.bind("keyRestrictions", new KeyRestrictions(database.dataSource(), Clock.systemUTC()));
        registry.bind("signalAgeGuard", new SignalAgeGuard(
                settings.getDuration("tradehook.webhook.max-signal-age", Duration.ZERO), Clock.systemUTC()));
        registry.bind("retention", new Retention(database.dataSource(),
                settings.getDuration("tradehook.requests.retention", Duration.ofDays(90)),
                settings.getInt("tradehook.requests.purge-batch-size", 1000)));
    }

    /**
     * Waits for the database once the routes are started (requests arriving meanwhile wait for it too), so that a
     * database that cannot be opened fails start-up; closes the pool (and stops an embedded PostgreSQL) when Camel
     * stops, after the routes.
     */
    private static final class DatabaseService extends ServiceSupport implements StartupListener {
        private final Database database;

        DatabaseService(Database database) {
            this.database = database;
        }

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            database.awaitOpen();
        }

        @Override
        protected void doStop() {
            database.close();
        }
    }
}
