package io.tradehook.idempotency;

/**
 * What a claim holds: answered ({@code status} set), known to have failed unknowingly, or still in flight. Read for a
 * duplicate's replay; a claim made with its request's commit is inserted holding it.
 */
public record StoredClaim(Integer status, boolean unknown, byte[] body, String errmsg, String orderId) {

    /** The request failed after its call may have reached the broker: its duplicates get 409. */
    static StoredClaim unknownOutcome() {
        return new StoredClaim(null, true, null, null, null);
    }

    /** The request's answer, replayed to its duplicates. */
    static StoredClaim answered(int status, byte[] body, String errmsg, String orderId) {
        return new StoredClaim(status, false, body, errmsg, orderId);
    }

    boolean answered() {
        return status != null;
    }
}
