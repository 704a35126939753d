package io.tradehook.ratelimit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.tradehook.db.Grouped;
import io.tradehook.keys.KeyOwner;
import io.tradehook.webhook.Rejection;
import io.tradehook.webhook.RequestLog;
import org.apache.camel.Variable;
import org.apache.camel.support.service.ServiceSupport;

/**
 * At most {@code tradehook.ratelimit.limit} requests per key per {@code tradehook.ratelimit.window}, counted in
 * PostgreSQL so every instance counts the same requests, on a fixed window aligned to the epoch. The hits of
 * concurrent requests are counted together ({@link Grouped}): one upsert per key for the whole group, keys in
 * ascending order so that groups never wait on each other in a cycle. Refused requests count too, so hammering a
 * key does not get more through.
 */
public final class RateLimiter extends ServiceSupport {

    private static final String HIT = """
            insert into webhook_rate as r (key_id, window_start, hits)
            select t.key_id, to_timestamp(floor(extract(epoch from clock_timestamp()) * 1000 / ?) * ? / 1000.0), t.hits
              from unnest(?::bigint[], ?::int[]) as t(key_id, hits)
            on conflict (key_id) do update
               set hits = case when r.window_start = excluded.window_start then r.hits + excluded.hits else excluded.hits end,
                   window_start = excluded.window_start
            returning key_id, hits, ceil(extract(epoch from r.window_start - clock_timestamp()) + ? / 1000.0)""";

    private final int limit;
    private final Duration window;
    private final Grouped<Long, Hit> hits;

    /**
     * A limit of 0 turns rate limiting off. Hits are written through {@code asynchronousCommit}: a count lost in a
     * crash lets a few more requests through once, not worth a disk flush.
     */
    public RateLimiter(DataSource asynchronousCommit, int limit, Duration window) {
        this.limit = limit;
        this.window = window;
        this.hits = Grouped.statement("rate-limit", asynchronousCommit, this::count);
    }

    public void admit(@Variable(RequestLog.KEY_OWNER) KeyOwner owner) throws SQLException {
        if (limit <= 0) {
            return;
        }
        Hit hit = hits.call(owner.keyId());
        if (hit.count() > limit) {
            throw Rejection.tooManyRequests("rate limit exceeded: at most " + limit + " requests per "
                    + describe(window) + " for this key; retry in " + Math.max(1, hit.retryAfterSeconds()) + " s",
                    hit.retryAfterSeconds());
        }
    }

    @Override
    protected void doStart() {
        if (limit > 0) {
            hits.start();
        }
    }

    @Override
    protected void doStop() {
        hits.stop();
    }

    /** Counts a group's hits; the n-th hit of a key in the group gets the key's count as of that hit. */
    private List<Hit> count(Connection c, List<Long> keyIds) throws SQLException {
        Map<Long, Integer> perKey = new TreeMap<>();
        keyIds.forEach(keyId -> perKey.merge(keyId, 1, Integer::sum));
        Map<Long, Hit> totals = new HashMap<>();
        long windowMillis = window.toMillis();
        try (PreparedStatement upsert = c.prepareStatement(HIT)) {
            upsert.setLong(1, windowMillis);
            upsert.setLong(2, windowMillis);
            upsert.setArray(3, c.createArrayOf("bigint", perKey.keySet().toArray()));
            upsert.setArray(4, c.createArrayOf("integer", perKey.values().toArray()));
            upsert.setLong(5, windowMillis);
            try (ResultSet rs = upsert.executeQuery()) {
                while (rs.next()) {
                    totals.put(rs.getLong(1), new Hit(rs.getInt(2), rs.getLong(3)));
                }
            }
        }
        Map<Long, Integer> seen = new HashMap<>();
        List<Hit> counted = new ArrayList<>(keyIds.size());
        for (Long keyId : keyIds) {
            Hit total = totals.get(keyId);
            int nth = seen.merge(keyId, 1, Integer::sum);
            counted.add(new Hit(total.count() - perKey.get(keyId) + nth, total.retryAfterSeconds()));
        }
        return counted;
    }

    private static String describe(Duration window) {
        long seconds = window.toSeconds();
        return seconds >= 60 && seconds % 60 == 0 ? (seconds / 60) + " min" : seconds + " s";
    }

    /** A key's request count in the current window, and the seconds until the next one starts. */
    private record Hit(int count, long retryAfterSeconds) {
    }
}
