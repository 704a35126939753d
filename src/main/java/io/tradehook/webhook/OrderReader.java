package io.tradehook.webhook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Body;
import io.tradehook.common.Json;
import io.tradehook.common.Rejection;

/**
 * Parses the body as one strict JSON object, whatever the Content-Type said, and picks its action from a fixed
 * list. Error messages say where the JSON broke, never what it contained.
 */
public final class OrderReader {

    public static final Set<String> ACTIONS = Set.of("place", "modify", "cancel");

    public ObjectNode read(@Body byte[] body) {
        if (body == null || body.length == 0) {
            throw Rejection.badRequest("body is empty: send the order as a JSON object");
        }
        if (!isUtf8(body)) {
            throw Rejection.badRequest("body is not valid UTF-8: send the order as UTF-8 JSON");
        }
        JsonNode node;
        try {
            node = Json.STRICT.readTree(body);
        } catch (StreamConstraintsException e) {
            throw Rejection.badRequest("body is not a valid order: nesting, a number or a string is too long");
        } catch (JsonParseException e) {
            throw Rejection.badRequest(duplicateField(e)
                    ? "body has a duplicate field" + fieldName(e)
                    : "body is not valid JSON" + at(e));
        } catch (MismatchedInputException e) {
            throw Rejection.badRequest("body has content after the JSON object" + at(e));
        } catch (IOException e) {
            throw Rejection.badRequest("body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw Rejection.badRequest("body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** The order's action, checked against {@link #ACTIONS} before it selects anything; stored back in canonical case. */
    public String action(@Body ObjectNode order) {
        JsonNode action = order.get("action");
        if (action == null) {
            throw Rejection.badRequest("action: is required (place, modify or cancel)");
        }
        // strip(), not trim(): trim() would also drop control characters such as a trailing NUL
        String value = action.isTextual() ? action.asText().strip().toLowerCase(Locale.ROOT) : "";
        if (!ACTIONS.contains(value)) {
            throw Rejection.badRequest("action: must be one of place, modify, cancel");
        }
        order.put("action", value);
        return value;
    }

    /**
     * JSON on the wire is UTF-8 (RFC 8259). Checked strictly before parsing: the parser's own decoder lets overlong
     * forms through ({@code C0 AF} would become {@code /}) and would read UTF-16 or UTF-32 too.
     */
    private static boolean isUtf8(byte[] body) {
        if (isAscii(body)) {
            return true; // nearly every order: no decoder, no character buffer
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isAscii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a validated order is a test alert; the field leaves the order either way, so {@code "dryRun": false}
     * is the very same order as one without it (for resend safety too).
     */
    public boolean dryRun(@Body ObjectNode order) {
        JsonNode dryRun = order.remove("dryRun");
        return dryRun != null && dryRun.asBoolean(false);
    }

    /** The order a validated modify or cancel names, kept for the request record; null for place. */
    public String orderId(@Body ObjectNode order) {
        return order.path("orderId").asText(null);
    }

    private static boolean duplicateField(JsonParseException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
    }

    /** Jackson names the duplicate field in quotes. */
    private static String fieldName(JsonParseException e) {
        String message = e.getOriginalMessage();
        int open = message.indexOf('\'');
        int close = message.indexOf('\'', open + 1);
        return open < 0 || close < 0 ? "" : " " + FieldNames.quoted(message.substring(open + 1, close));
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
