package io.tradehook.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import io.tradehook.db.Write;

/**
 * The claims in PostgreSQL: the unique (key, fingerprint) row is what decides, on every instance at once. Claims are
 * inserted with the request's admission ({@code admission.AdmissionStatement}); here they are read and answered.
 */
final class IdempotencyStore {

    /** An existing claim: answered ({@code status} set), known to have failed unknowingly, or still in flight. */
    record StoredClaim(Integer status, boolean unknown, byte[] answer, String errmsg, String orderId) {

        boolean answered() {
            return status != null;
        }
    }

    private final DataSource dataSource;

    IdempotencyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The live claim, if there still is one. */
    Optional<StoredClaim> find(long keyId, Fingerprint fingerprint) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     select status, unknown, answer, errmsg, order_id from webhook_idempotency
                      where key_id = ? and fingerprint = ? and expires_at > now()""")) {
            select.setLong(1, keyId);
            select.setString(2, fingerprint.value());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int status = rs.getInt(1);
                return Optional.of(new StoredClaim(rs.wasNull() ? null : status, rs.getBoolean(2), rs.getBytes(3),
                        rs.getString(4), rs.getString(5)));
            }
        }
    }

    static Write answer(long keyId, Fingerprint fingerprint, int status, byte[] answer, String errmsg, String orderId) {
        return new Write("""
                update webhook_idempotency set status = ?, answer = ?, errmsg = ?, order_id = ?
                 where key_id = ? and fingerprint = ?""", update -> {
            update.setInt(1, status);
            update.setBytes(2, answer);
            update.setString(3, errmsg);
            update.setString(4, orderId);
            update.setLong(5, keyId);
            update.setString(6, fingerprint.value());
        });
    }

    static Write release(long keyId, Fingerprint fingerprint) {
        return claimWrite("delete from webhook_idempotency where key_id = ? and fingerprint = ?", keyId, fingerprint);
    }

    static Write markUnknown(long keyId, Fingerprint fingerprint) {
        return claimWrite("update webhook_idempotency set unknown = true where key_id = ? and fingerprint = ?",
                keyId, fingerprint);
    }

    private static Write claimWrite(String sql, long keyId, Fingerprint fingerprint) {
        return new Write(sql, statement -> {
            statement.setLong(1, keyId);
            statement.setString(2, fingerprint.value());
        });
    }
}
