package io.tradehook.support;

import java.nio.file.Path;
import java.util.Properties;

import javax.sql.DataSource;

import io.tradehook.common.Settings;
import io.tradehook.TradehookConfiguration;
import io.tradehook.db.EmbeddedPostgresStart;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The gateway started as {@code TradehookMain} starts it, in embedded mode: no {@code tradehook.db.url}, its own
 * PostgreSQL on {@code dataDir}. For tests of what only the embedded mode does (demo seed, restarts, create-key
 * beside a running gateway).
 */
public final class EmbeddedGateway implements AutoCloseable {

    private final Main main;
    private final Properties properties;

    private EmbeddedGateway(Main main, Properties properties) {
        this.main = main;
        this.properties = properties;
    }

    public static EmbeddedGateway start(Path dataDir) {
        return start(dataDir, GatewayTestSupport.freePort());
    }

    /** Starts on a given port, e.g. the one of a gateway stopped before, so webhook URLs stay the same. */
    public static EmbeddedGateway start(Path dataDir, int port) {
        Properties properties = new Properties();
        properties.put("camel.server.port", Integer.toString(port));
        properties.put("tradehook.db.data-dir", dataDir.toString());
        properties.put("tradehook.db.url", "");
        // as the README's run command (pom.xml's exec configuration): embedded database and demo user asked for
        properties.put("tradehook.db.embedded", "true");
        properties.put("tradehook.db.demo-user", "true");
        Main main = new Main();
        // as TradehookMain: the embedded PostgreSQL is begun before Camel starts
        main.configure().addConfiguration(new TradehookConfiguration(
                EmbeddedPostgresStart.beginReading(() -> settings(properties))));
        main.setOverrideProperties(properties);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("gateway did not start", e);
        }
        return new EmbeddedGateway(main, properties);
    }

    public int port() {
        return Integer.parseInt(properties.getProperty("camel.server.port"));
    }

    public WebhookClient http() {
        return new WebhookClient("http://localhost:" + port());
    }

    public DataSource dataSource() {
        return main.getCamelContext().getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }

    public Sql sql() {
        return new Sql(dataSource());
    }

    /** The settings a command run beside this gateway sees: application.properties plus this gateway's overrides. */
    public Settings settings() {
        return settings(properties);
    }

    private static Settings settings(Properties properties) {
        CamelContext context = new DefaultCamelContext();
        PropertiesComponent component = context.getPropertiesComponent();
        component.setLocation("classpath:application.properties");
        component.setOverrideProperties(properties);
        return new Settings(component);
    }

    @Override
    public void close() {
        main.stop();
    }
}
