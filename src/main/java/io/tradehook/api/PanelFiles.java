package io.tradehook.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tradehook.common.Rejection;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Serves the panel, the API docs page and the OpenAPI document from {@code classpath:panel/}. Only the files
 * listed here exist (read once at start), so a request path never reaches the file system. The OpenAPI document
 * takes its order schemas from the schemas folder ({@link OpenApiDocument}).
 */
public final class PanelFiles {

    static final String ASSETS = "/panel/";
    private static final String OPENAPI = "openapi.json";
    private static final List<String> FILES = List.of("index.html", "docs.html", "panel.css", "panel.js", "docs.js",
            OPENAPI);
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "json", "application/json");
    /** Scripts and styles from this server only: an injected tag could not load or run anything. */
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Map<String, byte[]> files = new HashMap<>();

    public PanelFiles(Path schemaDir) {
        for (String file : FILES) {
            try (InputStream in = PanelFiles.class.getResourceAsStream("/panel/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("panel file missing from the build: " + file);
                }
                byte[] bytes = in.readAllBytes();
                files.put(file, file.equals(OPENAPI) ? OpenApiDocument.build(bytes, schemaDir) : bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public void index(Exchange exchange) {
        write(exchange, "index.html");
    }

    public void docs(Exchange exchange) {
        write(exchange, "docs.html");
    }

    public void openapi(Exchange exchange) {
        write(exchange, OPENAPI);
    }

    /** {@code /panel/<file>} for the listed files; anything else is a 404. */
    public void asset(Exchange exchange) {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        String name = path != null && path.startsWith(ASSETS) ? path.substring(ASSETS.length()) : "";
        if (!files.containsKey(name)) {
            exchange.getMessage().removeHeaders("*");
            throw Rejection.notFound("no such file");
        }
        write(exchange, name);
    }

    private void write(Exchange exchange, String name) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        message.setHeader("Content-Security-Policy", CSP);
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Referrer-Policy", "no-referrer");
        message.setBody(files.get(name));
    }
}
