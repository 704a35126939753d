package io.tradehook.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.common.Json;
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
                "/webhook/{apiKey}/{secretKey}", "/api/session", "/api/keys", "/api/keys/{id}", "/api/keys/{id}/pause",
                "/api/keys/{id}/resume", "/api/keys/{id}/limits", "/api/keys/{id}/test-alert", "/api/keys/pause-all", "/api/keys/resume-all", "/api/requests", "/api/requests/{id}",
                "/api/openapi.json");
        assertThat(doc.at("/paths/~1api~1keys/post/responses").has("201")).isTrue();
        assertThat(doc.at("/paths/~1api~1keys~1{id}/delete/responses").has("404")).isTrue();
        assertThat(doc.at("/components/schemas/Key/properties").has("secretKey")).isFalse();
        assertThat(doc.at("/components/schemas/CreatedKey/properties").has("secretKey")).isTrue();
    }

    @Test
    void the_openapi_order_schemas_are_those_of_the_schemas_folder() throws Exception {
        JsonNode doc = Json.MAPPER.readTree(get("/api/openapi.json").body());
        JsonNode definitions = Json.MAPPER.readTree(Path.of("schemas/definitions.json").toFile()).get("$defs");

        for (Map.Entry<String, String> order : Map.of("PlaceOrder", "place", "ModifyOrder", "modify",
                "CancelOrder", "cancel").entrySet()) {
            JsonNode served = doc.at("/components/schemas/" + order.getKey());
            JsonNode file = Json.MAPPER.readTree(Path.of("schemas/" + order.getValue() + ".json").toFile());

            assertThat(served).as(order.getKey()).isEqualTo(withDefinitions(file, definitions));
            assertThat(served.get("required")).isEqualTo(file.get("required"));
            assertThat(served.get("properties").fieldNames()).toIterable()
                    .containsExactlyElementsOf(() -> file.get("properties").fieldNames());
        }
    }

    @Test
    void the_openapi_order_schemas_judge_orders_as_the_gateway_does() throws Exception {
        JsonNode doc = Json.MAPPER.readTree(get("/api/openapi.json").body());
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonSchema served = factory.getSchema(doc.at("/components/schemas/PlaceOrder"));
        JsonSchema file = factory.getSchema(SchemaLocation.of(Path.of("schemas/place.json").toUri().toString()));

        String place = "'action':'place','accountName':'demo','symbol':'ABC','qty':1,'side':'buy'";
        Map<String, Boolean> valid = new LinkedHashMap<>();
        valid.put(place + ",'type':'limit','price':34", true);
        valid.put(place + ",'type':'limit'", false);
        valid.put(place + ",'type':'market','symbolType':'FUTURES'", false);
        valid.put(place + ",'type':'market','symbolType':'FUTURES','contractMonth':'2026-12'", true);
        valid.put(place + ",'type':'market','userComment':'x'", false);
        valid.put(place + ",'type':'care','userComment':'x'", true);
        valid.put(place + ",'type':'market','validity':'GTD'", false);
        valid.put(place + ",'type':'market','timestamp':'yesterday'", false);
        valid.put(place + ",'type':'market','price':'34'", false);
        valid.forEach((fields, expected) -> {
            JsonNode order = Json.tree("{" + fields.replace('\'', '"') + "}");
            assertThat(file.validate(order).isEmpty()).as("schemas/place.json: " + fields).isEqualTo(expected);
            assertThat(served.validate(order).isEmpty()).as("OpenAPI PlaceOrder: " + fields).isEqualTo(expected);
        });
    }

    @Test
    void the_webhook_takes_text_plain_orders_and_every_operation_declares_its_security() throws Exception {
        String body = get("/api/openapi.json").body();
        JsonNode doc = Json.MAPPER.readTree(body);

        JsonNode content = doc.at("/paths/~1webhook~1{apiKey}~1{secretKey}/post/requestBody/content");
        assertThat(content.get("text/plain").get("schema")).isEqualTo(content.get("application/json").get("schema"));
        for (Iterator<JsonNode> path = doc.get("paths").elements(); path.hasNext(); ) {
            path.next().forEach(operation -> assertThat(operation.has("security")).as(operation.path("operationId").asText()).isTrue());
        }
        assertThat(body).doesNotContain(OpenApiDocument.SCHEMAS_REF);
        // what .ci/run lints with redocly: the document exactly as served
        Path served = Path.of("target/openapi/openapi.json");
        Files.createDirectories(served.getParent());
        Files.writeString(served, body);
    }

    /** The schema as a self-contained document: definitions in place of their references, no validator keywords. */
    private static JsonNode withDefinitions(JsonNode schema, JsonNode definitions) {
        if (schema.isArray()) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            schema.forEach(item -> copy.add(withDefinitions(item, definitions)));
            return copy;
        }
        if (!schema.isObject()) {
            return schema;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return withDefinitions(definitions.get(ref.substring(ref.lastIndexOf('/') + 1)), definitions);
        }
        ObjectNode copy = Json.MAPPER.createObjectNode();
        schema.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("$schema") && !field.getKey().equals("message")) {
                copy.set(field.getKey(), withDefinitions(field.getValue(), definitions));
            }
        });
        return copy;
    }
}
