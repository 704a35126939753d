package io.tradehook.te;

import static io.tradehook.db.WriteKind.Column.bigint;
import static io.tradehook.db.WriteKind.Column.text;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.common.Sha256;
import io.tradehook.db.Grouped;
import io.tradehook.db.WriteKind;
import io.tradehook.webhook.RequestWrites;
import io.tradehook.common.Json;
import io.tradehook.common.Rejection;
import org.apache.camel.Exchange;
import org.apache.camel.Service;

/**
 * The {@code te_order_attempt} record: a row per place, written as 'sending' before the request leaves and settled
 * when TE answers. A call that timed out or broke after leaving settles 'unknown' (a row left 'sending' past the
 * request's budget, by a crash, counts as unknown too): it holds back a resend of that order, the same
 * {@code requestId} from the same key, or without one the same TE fields on the same TE account, for
 * {@code tradehook.te.unknown-hold}, so TradingView's resends after a 5xx never place it twice. Distinct requestIds
 * are distinct orders, and an order still in flight holds nothing back: two strategies may send the same order at
 * the same moment.
 */
final class TeOrderAttempts {

    static final String HELD = "an identical order sent moments ago has an unknown outcome at the broker:"
            + " check your orders at the broker before sending it again";

    record Attempt(long id, UUID requestId) {
    }

    /** An attempt to record: its TE requestId, and what identifies it for the hold. */
    private record Opening(UUID requestId, long keyId, String accountName, String teAccountId, byte[] fingerprint) {
    }

    /** TE's answer to record on an attempt. */
    private record Settling(long id, String outcome, String teOrderId, String errmsg) {
    }

    /** Attempts in id order, so that concurrent groups settling them lock them in the same order. */
    private static final WriteKind<Settling> SETTLE = WriteKind.locking("te_order_attempt_settle",
            Comparator.comparingLong(Settling::id), """
            update te_order_attempt a
               set outcome = s.outcome, te_order_id = s.te_order_id, errmsg = s.errmsg, settled_at = now()
              from unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) as s(id, outcome, te_order_id, errmsg)
             where a.id = s.id""",
            bigint(Settling::id), text(Settling::outcome), text(Settling::teOrderId), text(Settling::errmsg));

    private final DataSource dataSource;
    private final Duration hold;
    private final long budgetMs;
    // at a candle close thousands of places open attempts at once: in one statement per group (db/Grouped), they
    // take one connection, not one each; it is a grouped statement's, whose plan looks attempts up by their index
    // whatever the table's size was when it was made (db/Database)
    private final Grouped<Opening, Optional<Long>> opening;

    TeOrderAttempts(DataSource dataSource, DataSource groupedWrites, Duration hold, long budgetMs) {
        this.dataSource = dataSource;
        this.hold = hold;
        this.budgetMs = budgetMs;
        this.opening = Grouped.statement(groupedWrites, this::open);
    }

    /** The grouped statement, started and stopped with the routes. */
    Service service() {
        return opening;
    }

    /** Records the attempt, or refuses it (409) while a resend of it has an unknown outcome. */
    Attempt open(long keyId, String accountName, String teAccountId, ObjectNode teOrder, String requestId)
            throws SQLException {
        byte[] fingerprint = Sha256.digest(keyId + "\n" + teAccountId + "\n"
                + (requestId != null ? "requestId " + requestId : Json.text(teOrder)));
        UUID teRequestId = UUID.randomUUID();
        Optional<Long> id = opening.call(new Opening(teRequestId, keyId, accountName, teAccountId, fingerprint));
        return new Attempt(id.orElseThrow(() -> Rejection.conflict(HELD)), teRequestId);
    }

    /**
     * TE answered: 'placed' with its order id, 'rejected' or 'failed' with the message; or 'unknown' when the call
     * left and no answer came. Written with the request's record, in its commit, before the answer leaves: no round
     * trip of its own. Should that commit fail the row stays 'sending', which counts as unknown once the request's
     * budget has passed (the safe side).
     */
    void settle(Exchange exchange, Attempt attempt, String outcome, String teOrderId, String errmsg) {
        RequestWrites.of(exchange).add(SETTLE.write(new Settling(attempt.id(), outcome, teOrderId, errmsg)));
    }

    /** Each attempt inserted as 'sending' unless a resend of it is unknown within the hold: its id, or empty. */
    private List<Optional<Long>> open(Connection c, List<Opening> openings) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                insert into te_order_attempt (request_id, key_id, account_name, te_account_id, fingerprint, outcome)
                select o.request_id, o.key_id, o.account_name, o.te_account_id, o.fingerprint, 'sending'
                  from unnest(?::uuid[], ?::bigint[], ?::text[], ?::text[], ?::bytea[])
                       as o(request_id, key_id, account_name, te_account_id, fingerprint)
                 where not exists (
                       select 1 from te_order_attempt a
                        where a.fingerprint = o.fingerprint and a.created_at > now() - ? * interval '1 millisecond'
                          and (a.outcome = 'unknown'
                               or a.outcome = 'sending' and a.created_at < now() - ? * interval '1 millisecond'))
                returning request_id, id""")) {
            insert.setArray(1, c.createArrayOf("uuid", openings.stream().map(Opening::requestId).toArray()));
            insert.setArray(2, c.createArrayOf("bigint", openings.stream().map(Opening::keyId).toArray()));
            insert.setArray(3, c.createArrayOf("text", openings.stream().map(Opening::accountName).toArray()));
            insert.setArray(4, c.createArrayOf("text", openings.stream().map(Opening::teAccountId).toArray()));
            insert.setArray(5, c.createArrayOf("bytea", openings.stream().map(Opening::fingerprint).toArray(byte[][]::new)));
            insert.setLong(6, hold.toMillis());
            insert.setLong(7, budgetMs);
            Map<UUID, Long> ids = new HashMap<>();
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
            return openings.stream().map(o -> Optional.ofNullable(ids.get(o.requestId()))).toList();
        }
    }

    /** The order was placed through this gateway on this account. */
    boolean placedThrough(String accountName, long teOrderId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     select 1 from te_order_attempt
                      where account_name = ? and te_order_id = ? and outcome = 'placed'""")) {
            select.setString(1, accountName);
            select.setString(2, Long.toString(teOrderId));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }
}
