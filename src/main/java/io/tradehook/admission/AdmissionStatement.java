package io.tradehook.admission;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import javax.sql.DataSource;

import io.tradehook.db.Grouped;
import io.tradehook.db.Precondition;
import io.tradehook.idempotency.StoredClaim;

/**
 * The rate-limit hits and idempotency claims of concurrent requests, counted and claimed in one statement per group
 * ({@link Grouped}): one round trip admits a whole group. A claim is only inserted for a request within its key's
 * limit. Rate rows are locked first, in ascending key order, then claims in (key, fingerprint) order, so that
 * groups never wait on each other in a cycle. Autocommit on a pool with asynchronous commit: a lost count lets a
 * few requests through once after a crash, and a claim reaches the disk before the order it protects, whose flushed
 * commit (or the TE attempt row) flushes the log up to and including it. A paper place's admission runs where its
 * order commits instead ({@link Admission}).
 */
final class AdmissionStatement {

    /** The counts and claims, as {@code with} queries: {@code hit} and {@code claim} return what they did. */
    private static final String WITH_QUERIES = """
            hit as (
                insert into webhook_rate as r (key_id, window_start, hits)
                select h.key_id, to_timestamp(floor(extract(epoch from clock_timestamp()) * 1000 / ?) * ? / 1000.0), h.hits
                  from unnest(?::bigint[], ?::int[]) as h(key_id, hits)
                on conflict (key_id) do update
                   set hits = case when r.window_start = excluded.window_start then r.hits + excluded.hits else excluded.hits end,
                       window_start = excluded.window_start
                returning key_id, hits, ceil(extract(epoch from r.window_start - clock_timestamp()) + ? / 1000.0) as retry_after),
            asked as (
                select * from unnest(?::bigint[], ?::text[], ?::bigint[], ?::int[], ?::integer[], ?::boolean[], ?::bytea[],
                                     ?::text[], ?::text[])
                           as c(key_id, fingerprint, window_ms, slack, status, unknown, answer, errmsg, order_id)),
            claim as (
                insert into webhook_idempotency as i (key_id, fingerprint, expires_at, status, unknown, answer, errmsg, order_id)
                select c.key_id, c.fingerprint, now() + c.window_ms * interval '1 millisecond', c.status, c.unknown, c.answer,
                       c.errmsg, c.order_id
                  from asked c
                  left join hit using (key_id)
                 where c.slack is null or hit.hits <= ? + c.slack
                 order by c.key_id, c.fingerprint
                on conflict (key_id, fingerprint) do update
                   set claimed_at = now(), expires_at = excluded.expires_at, status = excluded.status,
                       unknown = excluded.unknown, answer = excluded.answer, errmsg = excluded.errmsg,
                       order_id = excluded.order_id
                 where i.expires_at <= now()
                returning key_id, fingerprint)""";
    /** With the writes of a group commit: fails with SQLState TH001 unless every claim asked for was made. */
    private static final String ALL_CLAIMED = """
            select case when (select count(*) from claim) = (select count(*) from asked) then 1
                        else tradehook_not_all_admitted() end""";
    private static final String ADMIT = "with " + WITH_QUERIES + """

            select key_id, hits, retry_after, null from hit
            union all
            select key_id, null, null, fingerprint from claim""";

    /**
     * What one request asks: a hit on its key's count (not when re-claiming, nor with the limit off), a claim of
     * its fingerprint (when it has one), or both; a claim made with its request's writes also carries its answer.
     */
    record Ask(long keyId, boolean countsHit, String fingerprint, long windowMillis, StoredClaim answer) {

        Ask(long keyId, boolean countsHit, String fingerprint, long windowMillis) {
            this(keyId, countsHit, fingerprint, windowMillis, null);
        }
    }

    /** The key's count as of this request's hit (0 when it counted none), and whether it got its claim. */
    record Answer(int hits, long retryAfterSeconds, boolean claimed) {
    }

    private final int limit;
    private final long windowMillis;
    private final Grouped<Ask, Answer> grouped;

    AdmissionStatement(DataSource asynchronousCommit, int limit, Duration window) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.grouped = Grouped.statement(asynchronousCommit, this::admit);
    }

    Grouped<Ask, Answer> grouped() {
        return grouped;
    }

    Answer call(Ask ask) throws SQLException {
        return grouped.call(ask);
    }

    List<Answer> admit(Connection c, List<Ask> asks) throws SQLException {
        Group group = new Group(asks);
        try (PreparedStatement admit = c.prepareStatement(ADMIT)) {
            group.bind(c, admit, 1);
            try (ResultSet rs = admit.executeQuery()) {
                return group.answers(rs);
            }
        }
    }

    /**
     * A group's asks, with what the statement needs of them: hits per key, and each claim asked for once. Also the
     * admission of a group commit's places inside the statement of their writes.
     */
    final class Group implements Precondition.InStatement {

        private final List<Ask> asks;
        private final Map<Long, Integer> hitsPerKey = new TreeMap<>();
        private final int[] nth;
        private final Map<ClaimKey, Integer> firstAsk = new LinkedHashMap<>();

        /**
         * The n-th hit of a key in the group gets the key's count as of that hit: the total less the hits after it.
         * Of the same claim twice in a group, the first asks for it and the other finds it held.
         */
        Group(List<Ask> asks) {
            this.asks = asks;
            this.nth = new int[asks.size()];
            for (int i = 0; i < asks.size(); i++) {
                if (asks.get(i).countsHit()) {
                    nth[i] = hitsPerKey.merge(asks.get(i).keyId(), 1, Integer::sum);
                }
            }
            for (int i = 0; i < asks.size(); i++) {
                Ask ask = asks.get(i);
                if (ask.fingerprint() != null) {
                    firstAsk.putIfAbsent(new ClaimKey(ask.keyId(), ask.fingerprint()), i);
                }
            }
        }

        /** Whether every ask is a claim of its own: then all are admitted exactly when all claims are made. */
        boolean claimsAreDistinct() {
            return firstAsk.size() == asks.size();
        }

        @Override
        public String withQueries() {
            return WITH_QUERIES;
        }

        @Override
        public String result() {
            return ALL_CLAIMED;
        }

        /** Binds {@link #WITH_QUERIES}' parameters from {@code index} on; the next free index. */
        @Override
        public int bind(Connection c, PreparedStatement statement, int index) throws SQLException {
            List<Ask> claims = firstAsk.values().stream().map(asks::get).toList();
            statement.setLong(index++, windowMillis);
            statement.setLong(index++, windowMillis);
            statement.setArray(index++, c.createArrayOf("bigint", hitsPerKey.keySet().toArray()));
            statement.setArray(index++, c.createArrayOf("integer", hitsPerKey.values().toArray()));
            statement.setLong(index++, windowMillis);
            statement.setArray(index++, c.createArrayOf("bigint", claims.stream().map(Ask::keyId).toArray()));
            statement.setArray(index++, c.createArrayOf("text", claims.stream().map(Ask::fingerprint).toArray()));
            statement.setArray(index++, c.createArrayOf("bigint", claims.stream().map(Ask::windowMillis).toArray()));
            // within the limit when the key's total, less the hits after this one, is at most the limit
            statement.setArray(index++, c.createArrayOf("integer", firstAsk.values().stream()
                    .map(i -> asks.get(i).countsHit() ? hitsPerKey.get(asks.get(i).keyId()) - nth[i] : null)
                    .toArray()));
            statement.setArray(index++, c.createArrayOf("integer", answered(claims, StoredClaim::status)));
            statement.setArray(index++, c.createArrayOf("boolean",
                    claims.stream().map(a -> a.answer() != null && a.answer().unknown()).toArray()));
            statement.setArray(index++, c.createArrayOf("bytea",
                    claims.stream().map(a -> a.answer() == null ? null : a.answer().body()).toArray(byte[][]::new)));
            statement.setArray(index++, c.createArrayOf("text", answered(claims, StoredClaim::errmsg)));
            statement.setArray(index++, c.createArrayOf("text", answered(claims, StoredClaim::orderId)));
            statement.setInt(index++, limit);
            return index;
        }

        /** Each ask's answer, in order, from the rows of {@link #ADMIT}. */
        List<Answer> answers(ResultSet rs) throws SQLException {
            Map<Long, Answer> totals = new HashMap<>();
            Set<ClaimKey> claimed = new HashSet<>();
            while (rs.next()) {
                String fingerprint = rs.getString(4);
                if (fingerprint == null) {
                    totals.put(rs.getLong(1), new Answer(rs.getInt(2), rs.getLong(3), false));
                } else {
                    claimed.add(new ClaimKey(rs.getLong(1), fingerprint));
                }
            }
            List<Answer> answers = new ArrayList<>(asks.size());
            for (int i = 0; i < asks.size(); i++) {
                Ask ask = asks.get(i);
                Answer total = totals.get(ask.keyId());
                int hits = ask.countsHit() ? total.hits() - hitsPerKey.get(ask.keyId()) + nth[i] : 0;
                long retryAfter = total == null ? 0 : total.retryAfterSeconds();
                ClaimKey key = new ClaimKey(ask.keyId(), ask.fingerprint());
                boolean claimedHere = ask.fingerprint() != null && firstAsk.get(key) == i && claimed.contains(key);
                answers.add(new Answer(hits, retryAfter, claimedHere));
            }
            return answers;
        }
    }

    private static Object[] answered(List<Ask> claims, Function<StoredClaim, ?> field) {
        return claims.stream().map(a -> a.answer() == null ? null : field.apply(a.answer())).toArray();
    }

    private record ClaimKey(long keyId, String fingerprint) {
    }
}
