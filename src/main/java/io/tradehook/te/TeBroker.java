package io.tradehook.te;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import io.tradehook.common.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.Registry;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sets up the TE broker ({@code tradehook.broker = te}): the beans {@code routes/brokers/te.camel.yaml} calls, and
 * the HTTP client's timeouts from {@code tradehook.te.*}.
 */
public final class TeBroker {

    /** Exchange variables the TE routes pass between steps. */
    static final String DEADLINE = "teDeadline";
    static final String ORDER = "order";
    static final String ACCOUNT_ID = "teAccountId";
    static final String INSTRUMENT_ID = "teInstrumentId";

    private TeBroker() {
    }

    public static void register(CamelContext context, Settings settings, DataSource dataSource) throws Exception {
        TeSettings te = TeSettings.of(settings);
        for (String scheme : new String[] {"http", "https"}) {
            configure(context.getComponent(scheme, HttpComponent.class), te);
        }
        TeClient client = new TeClient(context.createProducerTemplate(), te.callTimeoutMs(), te.connections());
        TeApi api = new TeApi(client, new TeToken(client, te));
        // refreshes of TE's lists, behind the orders; and the circuit breaker's timed calls: a virtual thread each,
        // so neither caps the calls in flight (Camel's default pool for the breaker holds 20)
        ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
        TeAccounts accounts = new TeAccounts(api, te.cacheTtl(), virtualThreads);
        TePacing pacing = new TePacing(api, te.cacheTtl(), te.ordersPerSecond(), virtualThreads);

        Registry registry = context.getRegistry();
        registry.bind("teCallThreads", virtualThreads);
        registry.bind("teHttp", new TeHttp());
        registry.bind("teBudget", new TeBudget(te.budgetMs()));
        registry.bind("teAccounts", accounts);
        registry.bind("teInstruments", new TeInstruments(api, te.cacheTtl(), virtualThreads));
        registry.bind("teRequests", new TeRequests(WireSpelling.of(settings), te.defaultValidity()));
        TeOrderAttempts attempts = new TeOrderAttempts(dataSource, te.unknownHold(), te.budgetMs());
        context.addService(attempts.service(), true, true);
        registry.bind("teOrders", new TeOrders(api, attempts, pacing, te.callTimeoutMs()));
        registry.bind("teReplies", new TeReplies());
        // in the background once the routes run: a TE that is down must not hold up the gateway's start
        context.addStartupListener((started, alreadyStarted) -> virtualThreads.execute(() -> {
            accounts.warmUp();
            pacing.warmUp(new Deadline(System.currentTimeMillis() + te.budgetMs()));
        }));
    }

    /**
     * Timeouts from {@code tradehook.te.*}, and pooled connections checked before reuse: a connection TE closed
     * while idle would otherwise take an order and fail without an answer, leaving its outcome unknown.
     */
    private static void configure(HttpComponent http, TeSettings te) {
        // HttpClient would resend a request TE answered 429 or 503 once its Retry-After passed, a POST included:
        // nothing is ever sent to TE twice behind the gateway's back
        http.setHttpClientConfigurer(HttpClientBuilder::disableAutomaticRetries);
        http.setConnectTimeout(te.connectTimeoutMs());
        http.setConnectionRequestTimeout(te.connectTimeoutMs());
        http.setResponseTimeout(te.callTimeoutMs());
        http.setSoTimeout(te.callTimeoutMs());
        // this pool replaces camel-http's own (20 connections): as many as calls may be at TE at once
        http.setClientConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(te.connections())
                .setMaxConnTotal(te.connections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(te.connectTimeoutMs()))
                        .setSocketTimeout(Timeout.ofMilliseconds(te.callTimeoutMs()))
                        .setValidateAfterInactivity(TimeValue.ofMilliseconds(1))
                        .build())
                .build());
    }

    /** An id TE gave us, made safe as one path segment. */
    static String pathSegment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
