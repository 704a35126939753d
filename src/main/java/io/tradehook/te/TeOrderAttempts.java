package io.tradehook.te;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.Sha256;
import io.tradehook.db.Transactions;
import io.tradehook.webhook.BrokerFailure;
import io.tradehook.webhook.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code te_order_attempt} record: a row per place, written as 'unknown' before the request leaves and settled
 * when TE answers. A row that stays 'unknown' (timeout, lost connection, crash) holds back an identical order
 * (same key, TE account and TE fields) for {@code tradehook.te.unknown-hold}, so TradingView's resends after a 5xx
 * never place it twice.
 */
final class TeOrderAttempts {

    static final String HELD = "an identical order sent moments ago has an unknown outcome at the broker:"
            + " check your orders at the broker before sending it again";

    record Attempt(long id, UUID requestId) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(TeOrderAttempts.class);

    private final DataSource dataSource;
    private final Duration hold;

    TeOrderAttempts(DataSource dataSource, Duration hold) {
        this.dataSource = dataSource;
        this.hold = hold;
    }

    /** Records the attempt, or refuses (504, outcome unknown) while an identical one is unknown. */
    Attempt open(long keyId, String accountName, String teAccountId, ObjectNode teOrder) throws SQLException {
        byte[] fingerprint = Sha256.digest(keyId + "\n" + teAccountId + "\n" + Json.text(teOrder));
        UUID requestId = UUID.randomUUID();
        return Transactions.inTransaction(dataSource, c -> {
            // identical orders queue here, so the second sees the first's row
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, ByteBuffer.wrap(fingerprint).getLong());
                lock.execute();
            }
            if (heldBack(c, fingerprint)) {
                throw new BrokerFailure(504, HELD, true);
            }
            return new Attempt(insert(c, requestId, keyId, accountName, teAccountId, fingerprint), requestId);
        });
    }

    /**
     * TE answered: 'placed' with its order id, 'rejected' or 'failed' with the message. If this write fails the
     * row stays 'unknown', which is the safe side, and the answer still goes to the trader.
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

    private boolean heldBack(Connection c, byte[] fingerprint) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                select 1 from te_order_attempt
                 where fingerprint = ? and outcome = 'unknown'
                   and created_at > now() - ? * interval '1 millisecond'""")) {
            select.setBytes(1, fingerprint);
            select.setLong(2, hold.toMillis());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long insert(Connection c, UUID requestId, long keyId, String accountName, String teAccountId,
                               byte[] fingerprint) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                insert into te_order_attempt (request_id, key_id, account_name, te_account_id, fingerprint, outcome)
                values (?, ?, ?, ?, ?, 'unknown') returning id""")) {
            insert.setObject(1, requestId);
            insert.setLong(2, keyId);
            insert.setString(3, accountName);
            insert.setString(4, teAccountId);
            insert.setBytes(5, fingerprint);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

}
