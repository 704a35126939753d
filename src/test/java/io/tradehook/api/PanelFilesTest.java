package io.tradehook.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.webhook.Json;
import org.junit.jupiter.api.Test;

/** The panel's files, the docs page and the OpenAPI document as the gateway serves them. */
class PanelFilesTest extends GatewayTestSupport {

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_panel_is_served_at_the_root_with_a_strict_content_security_policy() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.body()).contains("Webhooks keys").contains("Key name (optional)").contains("Create key")
                .contains("Webhook name").contains("Creation date").contains("Expiration date")
                .contains("Code snippet").contains("View API docs");
        assertThat(get("/panel/panel.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/panel/panel.css").statusCode()).isEqualTo(200);
        assertThat(get("/docs").body()).contains("/panel/docs.js");
    }

    @Test
    void only_the_listed_files_exist() throws Exception {
        assertThat(get("/panel/nope.js").statusCode()).isEqualTo(404);
        assertThat(get("/panel/").statusCode()).isEqualTo(404);
        assertThat(get("/panel/%2e%2e/application.properties").statusCode()).isEqualTo(404);
        assertThat(get("/panel/..%2f..%2fpom.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void the_openapi_document_describes_every_route_of_the_gateway() throws Exception {
        HttpResponse<String> response = get("/api/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode doc = Json.MAPPER.readTree(response.body());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.get("paths").fieldNames()).toIterable().containsExactlyInAnyOrder(
                "/webhook/{apiKey}/{secretKey}", "/api/session", "/api/keys", "/api/keys/{id}", "/api/requests",
                "/api/openapi.json");
        assertThat(doc.at("/paths/~1api~1keys/post/responses").has("201")).isTrue();
        assertThat(doc.at("/paths/~1api~1keys~1{id}/delete/responses").has("404")).isTrue();
        assertThat(doc.at("/components/schemas/Key/properties").has("secretKey")).isFalse();
        assertThat(doc.at("/components/schemas/CreatedKey/properties").has("secretKey")).isTrue();
    }
}
