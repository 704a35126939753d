package io.tradehook.te;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.Sha256;
import io.tradehook.webhook.Json;
import io.tradehook.webhook.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(TeOrderAttempts.class);

    private final DataSource dataSource;
    private final Duration hold;
    private final long budgetMs;

    TeOrderAttempts(DataSource dataSource, Duration hold, long budgetMs) {
        this.dataSource = dataSource;
        this.hold = hold;
        this.budgetMs = budgetMs;
    }

    /** Records the attempt, or refuses it (409) while a resend of it has an unknown outcome. */
    Attempt open(long keyId, String accountName, String teAccountId, ObjectNode teOrder, String requestId)
            throws SQLException {
        byte[] fingerprint = Sha256.digest(keyId + "\n" + teAccountId + "\n"
                + (requestId != null ? "requestId " + requestId : Json.text(teOrder)));
        UUID teRequestId = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     insert into te_order_attempt (request_id, key_id, account_name, te_account_id, fingerprint, outcome)
                     select ?, ?, ?, ?, ?, 'sending'
                      where not exists (
                            select 1 from te_order_attempt
                             where fingerprint = ? and created_at > now() - ? * interval '1 millisecond'
                               and (outcome = 'unknown'
                                    or outcome = 'sending' and created_at < now() - ? * interval '1 millisecond'))
                     returning id""")) {
            insert.setObject(1, teRequestId);
            insert.setLong(2, keyId);
            insert.setString(3, accountName);
            insert.setString(4, teAccountId);
            insert.setBytes(5, fingerprint);
            insert.setBytes(6, fingerprint);
            insert.setLong(7, hold.toMillis());
            insert.setLong(8, budgetMs);
            try (ResultSet rs = insert.executeQuery()) {
                if (!rs.next()) {
                    throw new Rejection(409, HELD);
                }
                return new Attempt(rs.getLong(1), teRequestId);
            }
        }
    }

    /**
     * TE answered: 'placed' with its order id, 'rejected' or 'failed' with the message; or 'unknown' when the call
     * left and no answer came. If this write fails the row stays 'sending', which counts as unknown once the
     * request's budget has passed (the safe side), and the answer still goes to the trader.
     */
    void settle(Attempt attempt, String outcome, String teOrderId, String errmsg) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("""
                     update te_order_attempt set outcome = ?, te_order_id = ?, errmsg = ?, settled_at = now()
                      where id = ?""")) {
            update.setString(1, outcome);
            update.setString(2, teOrderId);
            update.setString(3, errmsg);
            update.setLong(4, attempt.id());
            update.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("TE order attempt {} not settled as {}: {}", attempt.id(), outcome, e.getMessage());
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
