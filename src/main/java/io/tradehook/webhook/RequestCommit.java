package io.tradehook.webhook;

import static io.tradehook.db.WriteKind.Column.bigint;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.tradehook.db.GroupCommit;
import io.tradehook.db.Write;
import io.tradehook.db.WriteKind;
import io.tradehook.keys.KeyOwner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.tradehook.common.Outcome;

/**
 * The last step of every webhook request, accepted or refused: its record ({@link RequestLog}) commits together
 * with the writes the request left for the end of its path ({@link RequestWrites}: a paper order, the idempotency
 * answer), in a {@link GroupCommit} shared with the requests running at the same time, before the answer leaves.
 * When the request's admission was left to that commit, its writes are made only if the admission holds there. The
 * key's last use is stamped at most every few seconds per key, so a burst of alerts does not queue on one row.
 */
public final class RequestCommit {

    private static final Logger LOG = LoggerFactory.getLogger(RequestCommit.class);
    /** Keys in id order, so that concurrent groups stamping the same keys lock them in the same order. */
    private static final WriteKind<Long> STAMP_LAST_USE = WriteKind.locking("webhook_key_last_use",
            Comparator.<Long>naturalOrder(), """
            update webhook_key k set last_used_at = now()
              from unnest(?::bigint[]) as t(id)
             where k.id = t.id and (k.last_used_at is null or k.last_used_at < now() - interval '5 seconds')""",
            bigint(id -> id));
    private static final long STAMP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final GroupCommit groupCommit;
    /** When this instance last stamped each key's last use. */
    private final Map<Long, Long> stamped = new ConcurrentHashMap<>();

    private final Counter unrecorded;

    public RequestCommit(GroupCommit groupCommit, MeterRegistry meters) {
        this.groupCommit = groupCommit;
        this.unrecorded = Counter.builder("tradehook.webhook.anonymous")
                .description("Webhook requests that named no known key: counted here instead of stored as records")
                .register(meters);
    }

    /**
     * Commits the request: its record with the writes it left ({@link RequestWrites}), in one statement with those of
     * the requests running beside it. A paper order that cannot commit is answered 503 "not placed" and its claim let
     * go; an admission left to the commit that does not hold is admitted anew (see {@link #readmit}).
     */
    public void commit(Exchange exchange) {
        RequestWrites pending = RequestWrites.of(exchange);
        if (Boolean.TRUE.equals(exchange.getVariable(RequestLog.ANONYMOUS, Boolean.class)) && pending.writes().isEmpty()
                && pending.admission() == null) {
            // a probe with a made-up key: a row per probe would let anyone fill the table; no user could see it
            unrecorded.increment();
            return;
        }
        List<Write> writes = new ArrayList<>(pending.writes());
        writes.add(RequestLog.recordOf(exchange));
        KeyOwner owner = exchange.getVariable(RequestLog.KEY_OWNER, KeyOwner.class);
        if (owner != null && stampDue(owner.keyId())) {
            writes.add(STAMP_LAST_USE.write(owner.keyId()));
        }
        try {
            if (commitIfAdmitted(writes, pending)) {
                return;
            }
        } catch (SQLException e) {
            if (!pending.placesOrder()) {
                // the answer still goes out; a database that cannot take this row could not have taken an order either
                LOG.warn("Webhook request not recorded (status {}): {}",
                        exchange.getVariable(RequestLog.OUTCOME, Outcome.class).status(), e.getMessage());
                return;
            }
            // the order was never committed: say so, and let its claim go so that a resend can place it
            WebhookReply.orderNotPlaced(exchange, e);
            List<Write> instead = new ArrayList<>(pending.ifNotCommitted());
            instead.add(RequestLog.recordOf(exchange));
            try {
                groupCommit.commit(instead);
            } catch (SQLException again) {
                LOG.warn("Webhook request not recorded (status 503): {}", again.getMessage());
            }
            return;
        }
        readmit(exchange, pending);
    }

    /** False when the admission left to the commit did not hold: then nothing was written. */
    private boolean commitIfAdmitted(List<Write> writes, RequestWrites pending) throws SQLException {
        if (pending.admission() == null) {
            groupCommit.commit(writes);
            return true;
        }
        return groupCommit.commit(writes, pending.admission());
    }

    /**
     * The admission left to the commit did not hold (a resend, a key past its limit): nothing of the request was
     * written. It is admitted anew, and recorded as answered then: refused (thrown, for the route to answer and
     * record), a duplicate, or holding its claim after all, with its writes. A request already answered with an
     * error keeps that answer.
     */
    private void readmit(Exchange exchange, RequestWrites pending) {
        RequestWrites.Readmission readmission = pending.takeAdmission();
        boolean writesGo = false;
        try {
            writesGo = exchange.getProperty(Exchange.EXCEPTION_CAUGHT) == null && readmission.readmit(exchange);
        } catch (SQLException e) {
            WebhookReply.orderNotPlaced(exchange, e);
        } finally {
            if (!writesGo) {
                pending.dropWrites();
            }
        }
        commit(exchange);
    }

    private boolean stampDue(long keyId) {
        long now = System.nanoTime();
        Long last = stamped.get(keyId);
        if (last != null && now - last < STAMP_EVERY_NANOS) {
            return false;
        }
        stamped.put(keyId, now);
        return true;
    }
}
