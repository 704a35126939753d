package io.tradehook.te;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.tradehook.common.Settings;
import io.tradehook.db.Database;
import io.vertx.core.Vertx;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Sets up the TE broker ({@code tradehook.broker = te}): the beans {@code routes/brokers/te.camel.yaml} calls, from
 * {@code tradehook.te.*}.
 */
public final class TeBroker {

    /** Exchange variables the TE routes pass between steps. */
    static final String DEADLINE = "teDeadline";
    static final String ORDER = "order";
    static final String ACCOUNT_ID = "teAccountId";
    static final String INSTRUMENT_ID = "teInstrumentId";

    private TeBroker() {
    }

    public static void register(CamelContext context, Settings settings, Database database, Vertx vertx)
            throws Exception {
        TeSettings te = TeSettings.of(settings);
        // refreshes of TE's lists behind the orders, a virtual thread each
        ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
        TeHttp http = new TeHttp(vertx, te.url(), te.caFile(), te.connectTimeoutMs(), te.callTimeoutMs(),
                te.connections());
        TeClient client = new TeClient(http, te.breaker(), te.callTimeoutMs(), te.connections());
        TeApi api = new TeApi(client, new TeToken(client, te));
        TeAccounts accounts = new TeAccounts(api, te.cacheTtl(), virtualThreads);
        TePacing pacing = new TePacing(api, te.cacheTtl(), te.ordersPerSecond(), te.callTimeoutMs(), virtualThreads);

        Registry registry = context.getRegistry();
        TeBudget budget = new TeBudget(te.budgetMs());
        registry.bind("teBudget", budget);
        registry.bind("brokerCapacity", new TeCapacity(client, pacing, budget));
        registry.bind("teAccounts", accounts);
        registry.bind("teInstruments", new TeInstruments(api, te.cacheTtl(), virtualThreads));
        registry.bind("teRequests", new TeRequests(WireSpelling.of(settings), te.defaultValidity()));
        TeOrderAttempts attempts = new TeOrderAttempts(database.dataSource(), database.groupedWriteDataSource(),
                te.unknownHold(), te.budgetMs());
        context.addService(attempts.service(), true, true);
        registry.bind("teOrders", new TeOrders(api, attempts, pacing));
        registry.bind("teReplies", new TeReplies());
        // in the background once the routes run: a TE that is down must not hold up the gateway's start
        context.addStartupListener((started, alreadyStarted) -> virtualThreads.execute(() -> {
            accounts.warmUp();
            pacing.warmUp(new Deadline(System.currentTimeMillis() + te.budgetMs()));
        }));
    }

    /** An id TE gave us, made safe as one path segment. */
    static String pathSegment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
