package io.tradehook.signal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.common.Rejection;
import org.apache.camel.Body;

/**
 * Refuses a stale signal: when the order carries {@code timestamp} (ISO-8601 such as TradingView's
 * {@code {{timenow}}}, or epoch milliseconds) and it lies more than {@code tradehook.webhook.max-signal-age} in the
 * past (or as far in the future: a clock that wrong is not trusted either). Off when the age is zero.
 */
public final class SignalAgeGuard {

    private final Duration maxAge;
    private final Clock clock;

    public SignalAgeGuard(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public void check(@Body ObjectNode order) {
        JsonNode timestamp = order.get("timestamp");
        if (maxAge.isZero() || maxAge.isNegative() || timestamp == null) {
            return;
        }
        Instant sent = instant(timestamp);
        Duration age = Duration.between(sent, clock.instant());
        if (age.compareTo(maxAge) > 0) {
            throw Rejection.badRequest("timestamp: the signal is older than " + maxAge.toSeconds() + " s and was not sent");
        }
        if (age.negated().compareTo(maxAge) > 0) {
            throw Rejection.badRequest("timestamp: lies more than " + maxAge.toSeconds() + " s in the future");
        }
    }

    /** The schema has checked the shape; a date it let through that still does not parse is refused the same way. */
    private static Instant instant(JsonNode timestamp) {
        if (timestamp.isIntegralNumber()) {
            return Instant.ofEpochMilli(timestamp.longValue());
        }
        try {
            return OffsetDateTime.parse(timestamp.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw Rejection.badRequest("timestamp: must be an ISO-8601 date-time with offset or epoch milliseconds");
        }
    }
}
