package io.tradehook.te;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/** The gateway with {@code tradehook.broker=te}, pointed at a {@link FakeTe} of its own. */
abstract class TeTestSupport extends GatewayTestSupport {

    static final String ACCOUNT_ID = "3243753";
    static final String EURUSD = """
            {"tradableInstrumentId":7001,"name":"EURUSD","type":"FOREX","isin":null}""";

    // set from overrides(), which runs from the superclass constructor: no initializer here
    protected FakeTe te;

    @Override
    protected Properties overrides() {
        te = startTe().instrument(ACCOUNT_ID, EURUSD);
        Properties properties = new Properties();
        properties.put("tradehook.broker", "te");
        properties.put("tradehook.te.url", te.url());
        properties.put("tradehook.te.login", FakeTe.LOGIN);
        properties.put("tradehook.te.password", FakeTe.PASSWORD);
        properties.putAll(teOverrides());
        return properties;
    }

    /** The stand-in, started: plain HTTP unless a test says otherwise. */
    protected FakeTe startTe() {
        return new FakeTe().start();
    }

    protected Properties teOverrides() {
        return new Properties();
    }

    protected static Properties generousBudget() {
        Properties properties = new Properties();
        properties.put("tradehook.te.call-timeout-ms", "5000");
        properties.put("tradehook.te.budget-ms", "20000");
        return properties;
    }

    @BeforeEach
    void resetFake() {
        te.reset();
    }

    @AfterAll
    void closeFake() {
        te.close();
    }

    /** A subscribed trader whose account exists at TE under the same name. */
    protected Trader traderAtTe(String teAccountId) {
        Trader trader = users.subscribedTrader();
        te.account(trader.account(), teAccountId);
        return trader;
    }

    protected Answer send(Trader trader, String json) {
        return http.postJson(trader.webhookPath(), json.replace("$ACCOUNT", trader.account()));
    }

    /**
     * Places EURUSD orders (distinct quantities from 900) until one goes through: the first orders of a cold JVM
     * on a loaded machine may not fit the time budget, and are answered 504 without reaching TE.
     */
    protected void warmUp(Trader trader) {
        AtomicInteger qty = new AtomicInteger(900);
        await().atMost(Duration.ofSeconds(30)).until(() -> placeEurUsd(trader, qty.incrementAndGet()).status() == 200);
    }

    /** Sends an alert and keeps the whole HTTP answer, headers included (Retry-After). */
    protected HttpResponse<String> post(Trader trader, String alert) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(alertRequest(trader, alert), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** An alert ({@code $ACCOUNT}: the trader's account) to the trader's webhook URL, as a JSON POST. */
    protected HttpRequest alertRequest(Trader trader, String alert) {
        return HttpRequest.newBuilder(URI.create(http.baseUrl() + trader.webhookPath()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alert.replace("$ACCOUNT", trader.account()))).build();
    }

    protected Answer placeEurUsd(Trader trader, int qty) {
        return send(trader, """
                {"action":"place","accountName":"$ACCOUNT","symbol":"EURUSD","symbolType":"FOREX","type":"Limit",
                 "qty":%d,"side":"buy","price":1.0825}""".formatted(qty));
    }

    /** Rows of a query as text, one string per column, for assertions. */
    protected List<List<String>> rows(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
                        row.add(rs.getString(col));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}
