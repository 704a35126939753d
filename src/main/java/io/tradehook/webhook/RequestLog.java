package io.tradehook.webhook;

import static io.tradehook.db.WriteKind.Column.bigint;
import static io.tradehook.db.WriteKind.Column.integer;
import static io.tradehook.db.WriteKind.Column.text;
import static io.tradehook.db.WriteKind.Column.timestamptz;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import io.tradehook.db.GroupCommit;
import io.tradehook.db.Write;
import io.tradehook.db.WriteKind;
import io.tradehook.keys.KeyOwner;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.tradehook.common.Outcome;

/**
 * The record of a webhook request, accepted or refused, with its outcome: the names of the exchange variables it is
 * made of, and the row itself. It reads only exchange variables the earlier steps set; the secret is never one of
 * them. A routed request's record commits with its other writes ({@link RequestCommit}); a request the HTTP server
 * refused before any route ran is recorded here.
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
                                         outcome, errmsg, order_id, latency_ms, source_address, detail)
            select * from unnest(?::timestamptz[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[],
                                 ?::integer[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::text[], ?::text[])""",
            timestamptz(RequestRow::receivedAt), text(RequestRow::apiKey), bigint(RequestRow::keyId),
            bigint(RequestRow::userId), text(RequestRow::action), text(RequestRow::accountName),
            integer(RequestRow::status), text(RequestRow::outcome), text(RequestRow::errmsg), text(RequestRow::orderId),
            integer(RequestRow::latencyMs), text(RequestRow::sourceAddress), text(RequestRow::detail));

    private final GroupCommit groupCommit;

    public RequestLog(GroupCommit groupCommit) {
        this.groupCommit = groupCommit;
    }

    /**
     * A request the HTTP server refused before any route ran (a body over the limit). Its path named an API key, so
     * the key's owner sees the refused alert in the history; the key is not authenticated, so no key or user is set.
     */
    public void recordRefused(String apiKey, String sourceAddress, Outcome outcome) {
        try {
            groupCommit.commit(List.of(record(System.currentTimeMillis(), apiKey, null, null, null, outcome, sourceAddress,
                    null)));
        } catch (SQLException e) {
            LOG.warn("Webhook request not recorded (status {}): {}", outcome.status(), e.getMessage());
        }
    }

    /** The {@code webhook_request} row of a request, from the exchange variables the earlier steps set. */
    static Write recordOf(Exchange exchange) {
        KeyOwner owner = exchange.getVariable(KEY_OWNER, KeyOwner.class);
        return record(exchange.getClock().getCreated(), exchange.getVariable(API_KEY, String.class), owner,
                exchange.getVariable(ACTION, String.class),
                owner == null ? null : exchange.getVariable(ACCOUNT_NAME, String.class),
                exchange.getVariable(OUTCOME, Outcome.class), exchange.getVariable(SOURCE_ADDRESS, String.class),
                RequestDetail.of(exchange));
    }

    private static Write record(long receivedAt, String apiKey, KeyOwner owner, String action, String accountName,
                                Outcome outcome, String sourceAddress, String detail) {
        int latencyMs = (int) Math.min(Integer.MAX_VALUE, System.currentTimeMillis() - receivedAt);
        return INSERT.write(new RequestRow(Instant.ofEpochMilli(receivedAt), apiKey, owner == null ? null : owner.keyId(),
                owner == null ? null : owner.userId(), action, accountName, outcome.status(), outcome.result(),
                outcome.errmsg(), outcome.orderId(), latencyMs, sourceAddress, detail));
    }

    /** A {@code webhook_request} row. */
    private record RequestRow(Instant receivedAt, String apiKey, Long keyId, Long userId, String action,
                          String accountName, int status, String outcome, String errmsg, String orderId, int latencyMs,
                          String sourceAddress, String detail) {
    }
}
