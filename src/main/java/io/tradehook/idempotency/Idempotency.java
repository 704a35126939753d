package io.tradehook.idempotency;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.common.BrokerFailure;
import io.tradehook.common.Outcome;
import io.tradehook.common.Rejection;
import io.tradehook.webhook.RequestLog;
import io.tradehook.webhook.RequestWrites;
import io.tradehook.webhook.WebhookReply;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Variable;

/**
 * Resend safety: a request the same as one already sent by the same key (same {@code requestId}, or the same order
 * within the duplicate window) gets the first request's answer and never reaches the broker. The claim is a row
 * inserted before the broker call, so PostgreSQL decides between concurrent duplicates on any number of instances.
 *
 * <p>When the first request is still in flight, a duplicate waits for its answer up to {@code tradehook.idempotency.wait};
 * when the first one ended with an unknown outcome (a 5xx after the broker may have acted), duplicates are refused
 * with 409 for the rest of the window rather than risk a second order.
 */
public final class Idempotency {

    /** Set on the request that holds the claim: it calls the broker and stores the answer. */
    public static final String CLAIM = "idempotencyClaim";
    /** Set on a duplicate whose first request has answered: the route replays it. */
    public static final String FIRST_ANSWER = "firstAnswer";

    private static final long POLL_MILLIS = 20;

    private final IdempotencyStore store;
    private final Duration requestIdWindow;
    private final Duration duplicateWindow;
    private final Duration wait;

    public Idempotency(DataSource dataSource, Duration requestIdWindow, Duration duplicateWindow, Duration wait) {
        this.store = new IdempotencyStore(dataSource);
        this.requestIdWindow = requestIdWindow;
        this.duplicateWindow = duplicateWindow;
        this.wait = wait;
    }

    /** What makes this order the same as another of its key, if resend safety applies to it. */
    public Optional<Fingerprint> fingerprint(ObjectNode order) {
        return Fingerprint.of(order, requestIdWindow, duplicateWindow);
    }

    /**
     * Takes the outcome of the request's first attempt to claim its fingerprint (made with its admission): with the
     * claim, the request goes on to the broker (variable {@code idempotencyClaim}); without, the first request's
     * answer is waited for (variable {@code firstAnswer}), claiming again through {@code claims} if the first claim
     * expires meanwhile.
     */
    public void settle(long keyId, Fingerprint fingerprint, boolean claimed, Claims claims, Exchange exchange)
            throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!claimed) {
            Optional<StoredClaim> first = store.find(keyId, fingerprint);
            if (first.isPresent() && first.get().answered()) {
                exchange.setVariable(FIRST_ANSWER, first.get());
                return;
            }
            if (first.isPresent() && first.get().unknown()) {
                throw Rejection.conflict(same(fingerprint) + " failed with an unknown outcome, so this one was not sent"
                        + " to the broker: check the account's orders before sending it again");
            }
            if (first.isPresent() && (System.nanoTime() > deadline || !pause())) {
                throw Rejection.conflict(same(fingerprint) + " is still being processed, so this one was not sent"
                        + " to the broker: check the account's orders before sending it again");
            }
            // still in flight, or no row: the first claim expired between our two statements; claim again
            claimed = claims.claim(keyId, fingerprint);
        }
        exchange.setVariable(CLAIM, new Claim(keyId, fingerprint, null));
    }

    /**
     * The request's claim is to be made in the transaction that commits its writes (its order is a row there): it
     * goes on as the claim's holder, and holds it only if that transaction commits.
     */
    public void claimWithCommit(long keyId, Fingerprint fingerprint, CommitClaim claim, Exchange exchange) {
        exchange.setVariable(CLAIM, new Claim(keyId, fingerprint, claim));
    }

    /** A duplicate: the first request's status and body, recorded as {@code duplicate}. */
    public void replay(@Variable(FIRST_ANSWER) StoredClaim first, Exchange exchange) {
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, first.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(WebhookReply.httpBody(first.body()));
        exchange.setVariable(RequestLog.OUTCOME, new Outcome(first.status(), Outcome.DUPLICATE, first.errmsg(),
                first.orderId()));
    }

    /** Once settled: a duplicate is answered with the first request's answer (true); a claim's holder is not. */
    public boolean replayIfDuplicate(Exchange exchange) {
        StoredClaim first = exchange.getVariable(FIRST_ANSWER, StoredClaim.class);
        if (first == null) {
            return false;
        }
        replay(first, exchange);
        return true;
    }

    /**
     * Leaves the answer of the request holding a claim for its duplicates; it commits with the request record
     * ({@link RequestWrites}). A 5xx after the claim leaves the outcome unknown (the broker may have acted), and
     * the claim is marked so rather than released; only a broker failure known to have sent nothing releases it.
     * When the answer cannot be committed, the claim stays in flight until it expires, which keeps duplicates away
     * from the broker just the same - unless the request's own order was not committed either: then the claim is
     * released, so that a resend places it.
     */
    public void complete(@Variable(CLAIM) Claim claim, @Variable(RequestLog.OUTCOME) Outcome outcome, Exchange exchange) {
        if (claim == null || outcome == null) {
            return;
        }
        RequestWrites writes = RequestWrites.of(exchange);
        if (nothingReachedTheBroker(exchange)) {
            // TE down or its circuit open: the order never left, so TradingView's resend may place it
            writes.add(IdempotencyStore.release(claim.keyId(), claim.fingerprint()));
        } else if (claim.madeWithCommit()) {
            // inserted holding its answer, and gone with the commit if that fails (the row may be another request's)
            claim.withCommit().insertWith(outcome.status() >= 500
                    ? StoredClaim.unknownOutcome()
                    : StoredClaim.answered(outcome.status(), exchange.getMessage().getBody(byte[].class),
                            outcome.errmsg(), outcome.orderId()));
        } else if (outcome.status() >= 500) {
            writes.add(IdempotencyStore.markUnknown(claim.keyId(), claim.fingerprint()));
        } else {
            writes.add(IdempotencyStore.answer(claim.keyId(), claim.fingerprint(), outcome.status(),
                    exchange.getMessage().getBody(byte[].class), outcome.errmsg(), outcome.orderId()));
            writes.ifNotCommitted(IdempotencyStore.release(claim.keyId(), claim.fingerprint()));
        }
    }

    private static boolean nothingReachedTheBroker(Exchange exchange) {
        BrokerFailure failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, BrokerFailure.class);
        return failure != null && !failure.outcomeUnknown();
    }

    private static String same(Fingerprint fingerprint) {
        return fingerprint.byRequestId() ? "a request with the same requestId" : "an identical order sent moments ago";
    }

    private static boolean pause() {
        try {
            Thread.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The claim this request holds, already or once its writes commit ({@code withCommit}). */
    public record Claim(long keyId, Fingerprint fingerprint, CommitClaim withCommit) {

        boolean madeWithCommit() {
            return withCommit != null;
        }
    }

    /**
     * A claim made where its request's writes commit, in the same statement as them (which cannot change a row it
     * inserts): it is inserted holding its answer, or marked unknown, as given here.
     */
    @FunctionalInterface
    public interface CommitClaim {

        void insertWith(StoredClaim answer);
    }

    /** Claims a fingerprint for a key again; true when this request got it. */
    @FunctionalInterface
    public interface Claims {
        boolean claim(long keyId, Fingerprint fingerprint) throws SQLException;
    }
}
