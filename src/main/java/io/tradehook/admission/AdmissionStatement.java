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

import javax.sql.DataSource;

import io.tradehook.db.Grouped;

/**
 * The rate-limit hits and idempotency claims of concurrent requests, counted and claimed in one statement per group
 * ({@link Grouped}): one round trip admits a whole group. A claim is only inserted for a request within its key's
 * limit. Rate rows are locked first, in ascending key order, then claims in (key, fingerprint) order, so that
 * groups never wait on each other in a cycle. Autocommit on a pool with asynchronous commit: a lost count lets a
 * few requests through once after a crash, and a claim reaches the disk before the order it protects, whose flushed
 * commit (or the TE attempt row) flushes the log up to and including it. A paper place's admission runs in the
 * transaction of its order instead ({@link Admission#holds}).
 */
final class AdmissionStatement {

    private static final String ADMIT = """
            with hit as (
                insert into webhook_rate as r (key_id, window_start, hits)
                select h.key_id, to_timestamp(floor(extract(epoch from clock_timestamp()) * 1000 / ?) * ? / 1000.0), h.hits
                  from unnest(?::bigint[], ?::int[]) as h(key_id, hits)
                on conflict (key_id) do update
                   set hits = case when r.window_start = excluded.window_start then r.hits + excluded.hits else excluded.hits end,
                       window_start = excluded.window_start
                returning key_id, hits, ceil(extract(epoch from r.window_start - clock_timestamp()) + ? / 1000.0) as retry_after),
            claim as (
                insert into webhook_idempotency as i (key_id, fingerprint, expires_at)
                select c.key_id, c.fingerprint, now() + c.window_ms * interval '1 millisecond'
                  from unnest(?::bigint[], ?::text[], ?::bigint[], ?::int[]) as c(key_id, fingerprint, window_ms, slack)
                  left join hit using (key_id)
                 where c.slack is null or hit.hits <= ? + c.slack
                 order by c.key_id, c.fingerprint
                on conflict (key_id, fingerprint) do update
                   set claimed_at = now(), expires_at = excluded.expires_at, status = null, unknown = false,
                       answer = null, errmsg = null, order_id = null
                 where i.expires_at <= now()
                returning key_id, fingerprint)
            select key_id, hits, retry_after, null from hit
            union all
            select key_id, null, null, fingerprint from claim""";

    /**
     * What one request asks: a hit on its key's count (not when re-claiming, nor with the limit off), a claim of
     * its fingerprint (when it has one), or both.
     */
    record Ask(long keyId, boolean countsHit, String fingerprint, long windowMillis) {
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

    /**
     * The n-th hit of a key in the group gets the key's count as of that hit: the total less the hits after it. Of
     * the same claim twice in a group, the first asks for it and the other finds it held.
     */
    List<Answer> admit(Connection c, List<Ask> group) throws SQLException {
        Map<Long, Integer> hitsPerKey = new TreeMap<>();
        int[] nth = new int[group.size()];
        for (int i = 0; i < group.size(); i++) {
            if (group.get(i).countsHit()) {
                nth[i] = hitsPerKey.merge(group.get(i).keyId(), 1, Integer::sum);
            }
        }
        Map<ClaimKey, Integer> firstAsk = new LinkedHashMap<>();
        for (int i = 0; i < group.size(); i++) {
            Ask ask = group.get(i);
            if (ask.fingerprint() != null) {
                firstAsk.putIfAbsent(new ClaimKey(ask.keyId(), ask.fingerprint()), i);
            }
        }
        List<Object> claimKeys = new ArrayList<>();
        List<Object> fingerprints = new ArrayList<>();
        List<Object> windows = new ArrayList<>();
        List<Object> slacks = new ArrayList<>();
        for (int i : firstAsk.values()) {
            Ask ask = group.get(i);
            claimKeys.add(ask.keyId());
            fingerprints.add(ask.fingerprint());
            windows.add(ask.windowMillis());
            // within the limit when the key's total, less the hits after this one, is at most the limit
            slacks.add(ask.countsHit() ? hitsPerKey.get(ask.keyId()) - nth[i] : null);
        }
        Map<Long, Answer> totals = new HashMap<>();
        Set<ClaimKey> claimed = new HashSet<>();
        try (PreparedStatement admit = c.prepareStatement(ADMIT)) {
            admit.setLong(1, windowMillis);
            admit.setLong(2, windowMillis);
            admit.setArray(3, c.createArrayOf("bigint", hitsPerKey.keySet().toArray()));
            admit.setArray(4, c.createArrayOf("integer", hitsPerKey.values().toArray()));
            admit.setLong(5, windowMillis);
            admit.setArray(6, c.createArrayOf("bigint", claimKeys.toArray()));
            admit.setArray(7, c.createArrayOf("text", fingerprints.toArray()));
            admit.setArray(8, c.createArrayOf("bigint", windows.toArray()));
            admit.setArray(9, c.createArrayOf("integer", slacks.toArray()));
            admit.setInt(10, limit);
            try (ResultSet rs = admit.executeQuery()) {
                while (rs.next()) {
                    String fingerprint = rs.getString(4);
                    if (fingerprint == null) {
                        totals.put(rs.getLong(1), new Answer(rs.getInt(2), rs.getLong(3), false));
                    } else {
                        claimed.add(new ClaimKey(rs.getLong(1), fingerprint));
                    }
                }
            }
        }
        List<Answer> answers = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            Ask ask = group.get(i);
            Answer total = totals.get(ask.keyId());
            int hits = ask.countsHit() ? total.hits() - hitsPerKey.get(ask.keyId()) + nth[i] : 0;
            long retryAfter = total == null ? 0 : total.retryAfterSeconds();
            boolean claimedHere = ask.fingerprint() != null
                    && firstAsk.get(new ClaimKey(ask.keyId(), ask.fingerprint())) == i
                    && claimed.contains(new ClaimKey(ask.keyId(), ask.fingerprint()));
            answers.add(new Answer(hits, retryAfter, claimedHere));
        }
        return answers;
    }

    private record ClaimKey(long keyId, String fingerprint) {
    }
}
