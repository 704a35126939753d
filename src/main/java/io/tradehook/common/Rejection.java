package io.tradehook.common;

/**
 * A request refused for a reason the sender can act on: carries the HTTP status and the {@code errmsg} of the
 * envelope. The message must never contain a secret or echo a value from the request body.
 */
public class Rejection extends RuntimeException {

    /** One message for every key failure, so an answer never tells which part of a guess was wrong. */
    public static final String BAD_KEY = "invalid webhook key";

    private final int status;
    private final long retryAfterSeconds;

    public Rejection(int status, String message) {
        this(status, message, 0);
    }

    private Rejection(int status, String message, long retryAfterSeconds) {
        // no stack trace: a rejection is an answer, not a fault, and is cheap on the hot path
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** Seconds the sender should wait before trying again (the Retry-After header); 0 when not said. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static Rejection badRequest(String message) {
        return new Rejection(400, message);
    }

    public static Rejection badKey() {
        return new Rejection(401, BAD_KEY);
    }

    public static Rejection forbidden(String message) {
        return new Rejection(403, message);
    }

    public static Rejection notFound(String message) {
        return new Rejection(404, message);
    }

    /** A resend, or a request that clashes with one before it: not sent to the broker. */
    public static Rejection conflict(String message) {
        return new Rejection(409, message);
    }

    public static Rejection tooManyRequests(String message, long retryAfterSeconds) {
        return new Rejection(429, message, Math.max(1, retryAfterSeconds));
    }

    public static Rejection brokerRejected(String message) {
        return new Rejection(422, message);
    }
}
