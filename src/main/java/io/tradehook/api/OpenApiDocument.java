package io.tradehook.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.common.Json;

/**
 * The OpenAPI document as served: {@code panel/openapi.json} names the order schemas by reference to the files of
 * {@code schemas/} ({@code "$ref": "../../../../schemas/place.json"}, the path from the document's source to them),
 * and those references are replaced by the schemas themselves, so the order contract is written once. A browser
 * cannot follow a file reference, hence the inlining; the schemas' shared definitions are inlined too, and the
 * validator's own keywords ({@code $schema}, the error texts under {@code message}) left out.
 */
final class OpenApiDocument {

    static final String SCHEMAS_REF = "../../../../schemas/";
    private static final String DEFINITIONS_REF = "definitions.json#/$defs/";

    private OpenApiDocument() {
    }

    /** The template with every reference into {@code schemas/} inlined from {@code schemaDir}. */
    static byte[] build(byte[] template, Path schemaDir) {
        try {
            ObjectNode document = (ObjectNode) Json.MAPPER.readTree(template);
            JsonNode definitions = Json.MAPPER.readTree(schemaDir.resolve("definitions.json").toFile()).path("$defs");
            ObjectNode schemas = (ObjectNode) document.path("components").path("schemas");
            for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> schema = it.next();
                String ref = schema.getValue().path("$ref").asText("");
                if (ref.startsWith(SCHEMAS_REF)) {
                    JsonNode file = Json.MAPPER.readTree(schemaDir.resolve(ref.substring(SCHEMAS_REF.length())).toFile());
                    schema.setValue(inline(file, definitions));
                }
            }
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document could not be built from " + schemaDir, e);
        }
    }

    /** A copy of {@code schema}: definitions in place of their references, without the validator's keywords. */
    private static JsonNode inline(JsonNode schema, JsonNode definitions) {
        if (schema.isArray()) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            schema.forEach(item -> copy.add(inline(item, definitions)));
            return copy;
        }
        if (!schema.isObject()) {
            return schema;
        }
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith(DEFINITIONS_REF)) {
            JsonNode definition = definitions.get(ref.substring(DEFINITIONS_REF.length()));
            if (definition == null) {
                throw new IllegalArgumentException("schemas: no definition " + ref);
            }
            return inline(definition, definitions);
        }
        ObjectNode copy = Json.MAPPER.createObjectNode();
        schema.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("$schema") && !field.getKey().equals("message")) {
                copy.set(field.getKey(), inline(field.getValue(), definitions));
            }
        });
        return copy;
    }
}
