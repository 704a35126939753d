package io.tradehook.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import io.tradehook.TradehookConfiguration;
import org.apache.camel.main.Main;

/** One more gateway in this JVM, built as production builds it, on its own port and a database given by URL. */
public final class GatewayInstance implements AutoCloseable {

    private final Main main = new Main();
    private final int port = freePort();

    public GatewayInstance(String databaseUrl, Map<String, String> overrides) {
        main.configure().addConfiguration(TradehookConfiguration.class);
        main.addOverrideProperty("camel.server.port", Integer.toString(port));
        main.addOverrideProperty("tradehook.db.url", databaseUrl);
        main.addOverrideProperty("tradehook.db.user", "postgres");
        overrides.forEach(main::addOverrideProperty);
    }

    public GatewayInstance start() {
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("gateway did not start", e);
        }
        return this;
    }

    public WebhookClient http() {
        return new WebhookClient("http://localhost:" + port);
    }

    /** True once a stop has begun (in-flight requests may still be finishing). */
    public boolean stopping() {
        return main.getCamelContext() != null && (main.getCamelContext().isStopping() || main.getCamelContext().isStopped());
    }

    @Override
    public void close() {
        main.stop();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
