package io.tradehook.idempotency;

/**
 * What a claim holds: answered ({@code status} set), known to have failed unknowingly, or still in flight. Read for a
 * duplicate's replay; a claim made with its request's commit is inserted holding it.
 */
public record StoredClaim(Integer status, boolean unknown, byte[] answer, String errmsg, String orderId) {

    boolean answered() {
        return status != null;
    }
}
