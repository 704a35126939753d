package io.tradehook.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Properties;

import javax.sql.DataSource;

import io.tradehook.TradehookConfiguration;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Starts the gateway as production does (same configuration class, YAML routes and application.properties) on a
 * free port, against a fresh database of the shared test PostgreSQL. One gateway per test class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GatewayTestSupport extends CamelMainTestSupport {

    // set lazily: CamelTestSupport asks for the properties from its constructor, before field initializers run
    private int port;
    private int managementPort;
    private String databaseUrl;
    protected WebhookClient http;
    protected TestUsers users;
    protected Sql sql;

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(TradehookConfiguration.class);
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        port = freePort();
        managementPort = freePort();
        databaseUrl = TestPostgres.newDatabase();
        Properties properties = new Properties();
        properties.put("camel.server.port", Integer.toString(port));
        properties.put("camel.management.port", Integer.toString(managementPort));
        properties.put("tradehook.db.url", databaseUrl);
        properties.put("tradehook.db.user", "postgres");
        properties.putAll(overrides());
        return properties;
    }

    /** Properties from key, value pairs: {@code properties("tradehook.broker", "te")}. */
    protected static Properties properties(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    /** Further properties a test class needs (a smaller body limit, another broker). */
    protected Properties overrides() {
        return new Properties();
    }

    @Override
    protected void doPostSetup() throws Exception {
        http = new WebhookClient("http://localhost:" + port);
        users = new TestUsers(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class),
                "http://localhost:" + port);
        sql = new Sql(dataSource());
    }

    protected int port() {
        return port;
    }

    /** Health and metrics: {@code http://localhost:<management port>}. */
    protected int managementPort() {
        return managementPort;
    }

    /** The management port's Prometheus scrape. */
    protected String metricsScrape() {
        WebhookClient.Answer answer = new WebhookClient("http://localhost:" + managementPort)
                .send("/observe/metrics", "GET", null, null);
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    protected String databaseUrl() {
        return databaseUrl;
    }

    protected DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Camel's per-class context manager only closes contexts when the whole run ends; stopping here releases this
     * class's HTTP port and database connections before the next class starts its gateway.
     */
    @AfterAll
    void stopGateway() {
        if (context != null) {
            context.stop();
        }
    }
}
