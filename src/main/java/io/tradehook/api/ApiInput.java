package io.tradehook.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.common.Json;
import io.tradehook.common.Rejection;

/** Strict reading of management API input: one JSON object with known fields, typed values, clear 400s. */
final class ApiInput {

    private ApiInput() {
    }

    /** The body as an object; an empty body is an empty object. Unknown fields are refused, not ignored. */
    static ObjectNode object(String body, Set<String> allowed) {
        if (body == null || body.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = Json.STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw Rejection.badRequest("malformed JSON: the body must be one JSON object");
        }
        if (node == null || !node.isObject()) {
            throw Rejection.badRequest("the body must be a JSON object");
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                throw Rejection.badRequest("unknown field in the body; allowed: " + String.join(", ", allowed));
            }
        });
        return (ObjectNode) node;
    }

    /** A whole number parameter from {@code min} to {@code max}; {@code absent} when not sent. */
    static long wholeNumber(String name, String value, long min, long max, long absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Rejection.badRequest(name + " must be a whole number from " + min + " to " + max);
    }

    /** A string field; absent or null is empty, any other type is a 400. */
    static Optional<String> text(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw Rejection.badRequest(field + " must be a string");
        }
        return Optional.of(value.asText());
    }

    /**
     * Dates the API takes: PostgreSQL's timestamps end in year 294276 and JDBC's conversion wraps later years into
     * the past (+294277 would pass "in the future" and then fail as a database error), so a sane range is checked here.
     */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** An ISO-8601 date-time with offset ({@code 2027-01-31T00:00:00Z}), from 1970 to 9999. */
    static Optional<Instant> instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw Rejection.badRequest(field + " must be an ISO-8601 date-time with offset, such as 2027-01-31T00:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw Rejection.badRequest(field + " must be a date-time from " + EARLIEST + " to " + LATEST);
        }
        return Optional.of(instant);
    }
}
