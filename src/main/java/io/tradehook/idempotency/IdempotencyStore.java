package io.tradehook.idempotency;

import static io.tradehook.db.WriteKind.Column.bigint;
import static io.tradehook.db.WriteKind.Column.bytea;
import static io.tradehook.db.WriteKind.Column.integer;
import static io.tradehook.db.WriteKind.Column.text;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import javax.sql.DataSource;

import io.tradehook.db.Grouped;
import io.tradehook.db.Write;
import io.tradehook.db.WriteKind;

/** The claims in PostgreSQL: the unique (key, fingerprint) row is what decides, on every instance at once. */
final class IdempotencyStore {

    /** An existing claim: answered ({@code status} set), known to have failed unknowingly, or still in flight. */
    record StoredClaim(Integer status, boolean unknown, byte[] answer, String errmsg, String orderId) {

        boolean answered() {
            return status != null;
        }
    }

    /**
     * Inserts the claims of a group, or takes over those whose window has passed; a claim not returned is held by
     * someone else. Claims go in (key, fingerprint) order, so that groups never wait on each other in a cycle.
     */
    private static final String CLAIM = """
            insert into webhook_idempotency as i (key_id, fingerprint, expires_at)
            select t.key_id, t.fingerprint, now() + t.window_ms * interval '1 millisecond'
              from unnest(?::bigint[], ?::text[], ?::bigint[]) as t(key_id, fingerprint, window_ms)
            on conflict (key_id, fingerprint) do update
               set claimed_at = now(), expires_at = excluded.expires_at, status = null, unknown = false,
                   answer = null, errmsg = null, order_id = null
             where i.expires_at <= now()
            returning key_id, fingerprint""";

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
    private final Grouped<ClaimKey, Boolean> claims;

    /**
     * Claims are written through {@code asynchronousCommit}: a claim reaches the disk before what it protects does,
     * since the paper order's commit, or the TE attempt row written before the order leaves, flushes the log up to
     * and including the claim.
     */
    IdempotencyStore(DataSource dataSource, DataSource asynchronousCommit) {
        this.dataSource = dataSource;
        this.claims = Grouped.statement("idempotency-claim", asynchronousCommit, IdempotencyStore::claim);
    }

    /** The claims of concurrent requests go together in one statement. */
    Grouped<ClaimKey, Boolean> claims() {
        return claims;
    }

    boolean claim(long keyId, Fingerprint fingerprint) throws SQLException {
        return claims.call(new ClaimKey(keyId, fingerprint.value(), fingerprint.window().toMillis()));
    }

    /** A group's claims; of the same claim twice in one group, the first gets it and the other finds it held. */
    private static List<Boolean> claim(Connection c, List<ClaimKey> group) throws SQLException {
        SortedSet<ClaimKey> distinct = new TreeSet<>(group);
        Set<ClaimKey> claimed = new HashSet<>();
        try (PreparedStatement insert = c.prepareStatement(CLAIM)) {
            insert.setArray(1, c.createArrayOf("bigint", distinct.stream().map(ClaimKey::keyId).toArray()));
            insert.setArray(2, c.createArrayOf("text", distinct.stream().map(ClaimKey::fingerprint).toArray()));
            insert.setArray(3, c.createArrayOf("bigint", distinct.stream().map(ClaimKey::windowMillis).toArray()));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new ClaimKey(rs.getLong(1), rs.getString(2), 0));
                }
            }
        }
        List<Boolean> results = new ArrayList<>(group.size());
        for (ClaimKey key : group) {
            results.add(claimed.remove(key));
        }
        return results;
    }

    /** One claim of a group; its window takes no part in equality or order. */
    record ClaimKey(long keyId, String fingerprint, long windowMillis) implements Comparable<ClaimKey> {

        @Override
        public boolean equals(Object other) {
            return other instanceof ClaimKey that && keyId == that.keyId && fingerprint.equals(that.fingerprint);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(keyId) * 31 + fingerprint.hashCode();
        }

        @Override
        public int compareTo(ClaimKey that) {
            int byKey = Long.compare(keyId, that.keyId);
            return byKey != 0 ? byKey : fingerprint.compareTo(that.fingerprint);
        }
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
