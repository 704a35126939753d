package io.tradehook.webhook;

import static io.tradehook.db.WriteKind.Column.bigint;
import static io.tradehook.db.WriteKind.Column.integer;
import static io.tradehook.db.WriteKind.Column.text;
import static io.tradehook.db.WriteKind.Column.timestamptz;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.tradehook.db.GroupCommit;
import io.tradehook.db.Write;
import io.tradehook.db.WriteKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradehook.keys.KeyOwner;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every webhook request, accepted or refused, with its outcome, before the answer leaves. The record
 * commits together with the writes the request left for the end of its path ({@link RequestWrites}: a paper
 * order, the idempotency answer), in a {@link GroupCommit} shared with the requests running at the same time.
 * When the request's admission was left to that commit, its writes are made only if the admission holds there.
 * It reads only exchange variables the earlier steps set; the secret is never one of them. The key's last use is
 * stamped at most every few seconds per key, so a burst of alerts does not queue on one row.
 */
public final class RequestLog {

    public static final String SOURCE_ADDRESS = "sourceAddress";
    public static final String API_KEY = "apiKey";
    public static final String KEY_OWNER = "keyOwner";
    public static final String ACTION = "action";
    public static final String ACCOUNT_NAME = "accountName";
    public static final String ORDER_ID = "orderId";
    public static final String OUTCOME = "outcome";
    /** Set when the request named no key the database knows: counted, not recorded (nobody's history holds it). */
    public static final String ANONYMOUS = "anonymous";

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final WriteKind<RequestRow> INSERT = WriteKind.of("webhook_request_insert", """
            insert into webhook_request (received_at, api_key, key_id, user_id, action, account_name, status,
                                         outcome, errmsg, order_id, latency_ms, source_address)
            select * from unnest(?::timestamptz[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[],
                                 ?::integer[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::text[])""",
            timestamptz(RequestRow::receivedAt), text(RequestRow::apiKey), bigint(RequestRow::keyId),
            bigint(RequestRow::userId), text(RequestRow::action), text(RequestRow::accountName),
            integer(RequestRow::status), text(RequestRow::outcome), text(RequestRow::errmsg), text(RequestRow::orderId),
            integer(RequestRow::latencyMs), text(RequestRow::sourceAddress));
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

    public RequestLog(GroupCommit groupCommit) {
        this(groupCommit, new SimpleMeterRegistry());
    }

    public RequestLog(GroupCommit groupCommit, MeterRegistry meters) {
        this.groupCommit = groupCommit;
        this.unrecorded = Counter.builder("tradehook.webhook.anonymous")
                .description("Webhook requests that named no known key: counted here instead of stored as records")
                .register(meters);
    }

    public void record(Exchange exchange) {
        RequestWrites pending = RequestWrites.of(exchange);
        if (Boolean.TRUE.equals(exchange.getVariable(ANONYMOUS, Boolean.class)) && pending.writes().isEmpty()
                && pending.admission() == null) {
            // a probe with a made-up key: a row per probe would let anyone fill the table; no user could see it
            unrecorded.increment();
            return;
        }
        List<Write> writes = new ArrayList<>(pending.writes());
        writes.add(recordOf(exchange));
        KeyOwner owner = exchange.getVariable(KEY_OWNER, KeyOwner.class);
        if (owner != null && stampDue(owner.keyId())) {
            writes.add(STAMP_LAST_USE.write(owner.keyId()));
        }
        try {
            if (commit(writes, pending)) {
                return;
            }
        } catch (SQLException e) {
            if (!pending.placesOrder()) {
                // the answer still goes out; a database that cannot take this row could not have taken an order either
                LOG.warn("Webhook request not recorded (status {}): {}", exchange.getVariable(OUTCOME, Outcome.class).status(),
                        e.getMessage());
                return;
            }
            // the order was never committed: say so, and let its claim go so that a resend can place it
            WebhookReply.orderNotPlaced(exchange, e);
            List<Write> instead = new ArrayList<>(pending.ifNotCommitted());
            instead.add(recordOf(exchange));
            try {
                groupCommit.commit(instead);
            } catch (SQLException again) {
                LOG.warn("Webhook request not recorded (status 503): {}", again.getMessage());
            }
            return;
        }
        readmit(exchange, pending);
    }

    private boolean commit(List<Write> writes, RequestWrites pending) throws SQLException {
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
        record(exchange);
    }

    /**
     * A request the HTTP server refused before any route ran (a body over the limit). Its path named an API key, so
     * the key's owner sees the refused alert in the history; the key is not authenticated, so no key or user is set.
     */
    public void recordRefused(String apiKey, String sourceAddress, Outcome outcome) {
        try {
            groupCommit.commit(List.of(record(System.currentTimeMillis(), apiKey, null, null, null, outcome, sourceAddress)));
        } catch (SQLException e) {
            LOG.warn("Webhook request not recorded (status {}): {}", outcome.status(), e.getMessage());
        }
    }

    private static Write recordOf(Exchange exchange) {
        KeyOwner owner = exchange.getVariable(KEY_OWNER, KeyOwner.class);
        return record(exchange.getClock().getCreated(), exchange.getVariable(API_KEY, String.class), owner,
                exchange.getVariable(ACTION, String.class),
                owner == null ? null : exchange.getVariable(ACCOUNT_NAME, String.class),
                exchange.getVariable(OUTCOME, Outcome.class), exchange.getVariable(SOURCE_ADDRESS, String.class));
    }

    private static Write record(long receivedAt, String apiKey, KeyOwner owner, String action, String accountName,
                                Outcome outcome, String sourceAddress) {
        int latencyMs = (int) Math.min(Integer.MAX_VALUE, System.currentTimeMillis() - receivedAt);
        return INSERT.write(new RequestRow(Instant.ofEpochMilli(receivedAt), apiKey, owner == null ? null : owner.keyId(),
                owner == null ? null : owner.userId(), action, accountName, outcome.status(), outcome.result(),
                outcome.errmsg(), outcome.orderId(), latencyMs, sourceAddress));
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

    /** A {@code webhook_request} row. */
    private record RequestRow(Instant receivedAt, String apiKey, Long keyId, Long userId, String action,
                          String accountName, int status, String outcome, String errmsg, String orderId, int latencyMs,
                          String sourceAddress) {
    }
}
