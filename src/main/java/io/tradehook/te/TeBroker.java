package io.tradehook.te;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;

import javax.sql.DataSource;

import io.tradehook.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.Registry;
import org.apache.hc.client5.http.config.ConnectionConfig;
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
        TeClient client = new TeClient(context.createProducerTemplate(), te.callTimeoutMs());
        TeApi api = new TeApi(client, new TeToken(client, te));

        Registry registry = context.getRegistry();
        registry.bind("teHttp", new TeHttp());
        registry.bind("teBudget", new TeBudget(te.budgetMs()));
        TeAccounts accounts = new TeAccounts(api, te.cacheTtl());
        registry.bind("teAccounts", accounts);
        registry.bind("teInstruments", new TeInstruments(api, te.cacheTtl()));
        registry.bind("teRequests", new TeRequests(WireSpelling.of(settings), te.defaultValidity()));
        registry.bind("teOrders", new TeOrders(api, new TeOrderAttempts(dataSource, te.unknownHold())));
        registry.bind("teReplies", new TeReplies());
        // in the background once the routes run: a TE that is down must not hold up the gateway's start
        context.addStartupListener((started, alreadyStarted) -> {
            ExecutorService warmUp = started.getExecutorServiceManager()
                    .newSingleThreadExecutor(TeBroker.class, "te-warm-up");
            warmUp.execute(accounts::warmUp);
            warmUp.shutdown();
        });
    }

    /**
     * Timeouts from {@code tradehook.te.*}, and pooled connections checked before reuse: a connection TE closed
     * while idle would otherwise take an order and fail without an answer, leaving its outcome unknown.
     */
    private static void configure(HttpComponent http, TeSettings te) {
        http.setConnectTimeout(te.connectTimeoutMs());
        http.setConnectionRequestTimeout(te.connectTimeoutMs());
        http.setResponseTimeout(te.callTimeoutMs());
        http.setSoTimeout(te.callTimeoutMs());
        // this pool replaces camel-http's own, so its limits are set here: as many connections as camel-http's
        http.setClientConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(http.getConnectionsPerRoute())
                .setMaxConnTotal(http.getMaxTotalConnections())
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
