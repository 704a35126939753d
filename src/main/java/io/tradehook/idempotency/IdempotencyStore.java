package io.tradehook.idempotency;

import static io.tradehook.db.WriteKind.Column.bigint;
import static io.tradehook.db.WriteKind.Column.bytea;
import static io.tradehook.db.WriteKind.Column.integer;
import static io.tradehook.db.WriteKind.Column.text;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Optional;

import javax.sql.DataSource;

import io.tradehook.db.Write;
import io.tradehook.db.WriteKind;

/**
 * The claims in PostgreSQL: the unique (key, fingerprint) row is what decides, on every instance at once. Claims are
 * inserted with the request's admission ({@code admission.AdmissionStatement}); here they are read and answered.
 */
final class IdempotencyStore {

    /** Claims of a group are answered, released or marked in (key, fingerprint) order, as they are claimed. */
    private static final Comparator<ClaimWrite> CLAIM_ORDER = Comparator.comparingLong(ClaimWrite::keyId)
            .thenComparing(ClaimWrite::fingerprint);
    private static final WriteKind<ClaimWrite> ANSWER = WriteKind.locking("idempotency_answer", CLAIM_ORDER, """
            update webhook_idempotency i
               set status = t.status, answer = t.answer, errmsg = t.errmsg, order_id = t.order_id
              from unnest(?::bigint[], ?::text[], ?::integer[], ?::bytea[], ?::text[], ?::text[])
                   as t(key_id, fingerprint, status, answer, errmsg, order_id)
             where i.key_id = t.key_id and i.fingerprint = t.fingerprint""",
            bigint(ClaimWrite::keyId), text(ClaimWrite::fingerprint),
            integer(ClaimWrite::status), bytea(ClaimWrite::answer),
            text(ClaimWrite::errmsg), text(ClaimWrite::orderId));
    private static final WriteKind<ClaimWrite> RELEASE = WriteKind.locking("idempotency_release", CLAIM_ORDER, """
            delete from webhook_idempotency i
             using unnest(?::bigint[], ?::text[]) as t(key_id, fingerprint)
             where i.key_id = t.key_id and i.fingerprint = t.fingerprint""",
            bigint(ClaimWrite::keyId), text(ClaimWrite::fingerprint));
    private static final WriteKind<ClaimWrite> MARK_UNKNOWN = WriteKind.locking("idempotency_unknown", CLAIM_ORDER, """
            update webhook_idempotency i set unknown = true
              from unnest(?::bigint[], ?::text[]) as t(key_id, fingerprint)
             where i.key_id = t.key_id and i.fingerprint = t.fingerprint""",
            bigint(ClaimWrite::keyId), text(ClaimWrite::fingerprint));

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
        return ANSWER.write(new ClaimWrite(keyId, fingerprint.value(), status, answer, errmsg, orderId));
    }

    static Write release(long keyId, Fingerprint fingerprint) {
        return RELEASE.write(new ClaimWrite(keyId, fingerprint.value(), null, null, null, null));
    }

    static Write markUnknown(long keyId, Fingerprint fingerprint) {
        return MARK_UNKNOWN.write(new ClaimWrite(keyId, fingerprint.value(), null, null, null, null));
    }

    /** What a claim's request leaves in its row; only an answer has more than the claim's key. */
    private record ClaimWrite(long keyId, String fingerprint, Integer status, byte[] answer, String errmsg,
                              String orderId) {
    }
}
