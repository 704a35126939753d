package io.tradehook.common;

/**
 * The broker could not be used: unreachable, too slow, or it answered with something unusable. Carries the HTTP
 * status (502, 503 or 504), a message for the sender that names no internals, and whether an order may have
 * reached the broker all the same ({@link Outcome#UNKNOWN}).
 */
public class BrokerFailure extends RuntimeException {

    private final int status;
    private final boolean outcomeUnknown;
    private final long retryAfterSeconds;

    public BrokerFailure(int status, String message, boolean outcomeUnknown) {
        this(status, message, outcomeUnknown, 0);
    }

    /** {@code retryAfterSeconds}: when to try again (the Retry-After header), 0 when unknown. */
    public BrokerFailure(int status, String message, boolean outcomeUnknown, long retryAfterSeconds) {
        // no stack trace: the cause is classified where it happens and logged there without secrets
        super(message, null, false, false);
        this.status = status;
        this.outcomeUnknown = outcomeUnknown;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
