package io.tradehook.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import io.tradehook.common.Json;
import io.tradehook.common.Rejection;

/**
 * Normalises an order, reads its numbers exactly ({@link ExactNumbers}), then validates it against
 * {@code schemas/<action>.json}. The rejection names every failing
 * field once, in one sentence, without echoing a value: the schemas carry the wording of their rules.
 */
public final class OrderValidator {

    private static final Pattern LOCATION_PREFIX = Pattern.compile("^([$/][^:\\s]*)?: ");

    private final OrderNormalizer normalizer = new OrderNormalizer();
    private final Path schemaDir;
    private volatile Map<String, JsonSchema> schemas;

    public OrderValidator(Path schemaDir) {
        this.schemaDir = schemaDir;
        this.schemas = load(schemaDir);
    }

    /**
     * Reads the schemas again (hot reload). A folder that fails to load (a file half-saved) keeps the schemas in
     * use and throws, so a broken edit never leaves the gateway without validation.
     */
    public void reload() {
        this.schemas = load(schemaDir);
    }

    /** A new factory each time: the factory caches every schema it has read, {@code definitions.json} included. */
    private static Map<String, JsonSchema> load(Path schemaDir) {
        requireWholeSchemaFiles(schemaDir);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .errorMessageKeyword("message")
                .locale(Locale.ENGLISH)
                .build();
        return OrderReader.ACTIONS.stream().collect(Collectors.toUnmodifiableMap(action -> action, action -> {
            Path file = schemaDir.resolve(action + ".json").toAbsolutePath();
            if (!Files.isReadable(file)) {
                throw new UncheckedIOException(new IOException("schema not found: " + file));
            }
            JsonSchema schema = factory.getSchema(SchemaLocation.of(file.toUri().toString()), config);
            schema.initializeValidators();
            return schema;
        }));
    }

    /**
     * An editor saving a file truncates it first: a watcher can see it empty, and an empty document would load as a
     * schema that accepts everything. Every schema file must be a non-empty JSON object before any is used.
     */
    private static void requireWholeSchemaFiles(Path schemaDir) {
        try (Stream<Path> files = Files.list(schemaDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode schema = Json.MAPPER.readTree(file.toFile());
                if (schema == null || !schema.isObject() || schema.isEmpty()) {
                    throw new IllegalStateException("schema file is empty or not a JSON object: " + file.getFileName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectNode validate(@Body ObjectNode order, @Variable("action") String action) {
        ObjectNode normalized = normalizer.normalize(order);
        ExactNumbers.check(normalized, action);
        Set<ValidationMessage> errors = schemas.get(action).validate(normalized);
        if (!errors.isEmpty()) {
            throw Rejection.badRequest("invalid " + action + " order: " + describe(errors));
        }
        return normalized;
    }

    /** {@code price: is required for limit and stop limit orders; qty: must be greater than 0}, sorted by field. */
    static String describe(Set<ValidationMessage> errors) {
        Map<String, String> byField = new TreeMap<>(Comparator.naturalOrder());
        for (ValidationMessage error : errors) {
            byField.merge(field(error), reason(error), (a, b) -> a.equals(b) ? a : a + ", " + b);
        }
        return byField.entrySet().stream()
                .map(e -> e.getKey().isEmpty() ? e.getValue() : e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private static String field(ValidationMessage error) {
        String name = error.getProperty();
        if (name == null) {
            JsonNodePath location = error.getInstanceLocation();
            Object last = location.getNameCount() == 0 ? null : location.getElement(location.getNameCount() - 1);
            if (last == null) {
                return ""; // a rule about the whole order
            }
            name = String.valueOf(last);
        }
        return FieldNames.isIdentifier(name) ? name : FieldNames.quoted(name);
    }

    /**
     * The library's sentence without its location prefix ({@code $.qty: }, {@code /qty: }, or a bare {@code : } for
     * the whole order), which the field name replaces.
     */
    private static String reason(ValidationMessage error) {
        return LOCATION_PREFIX.matcher(error.getMessage()).replaceFirst("");
    }
}
