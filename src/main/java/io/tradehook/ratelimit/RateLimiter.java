package io.tradehook.ratelimit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import io.tradehook.keys.KeyOwner;
import io.tradehook.webhook.Rejection;
import io.tradehook.webhook.RequestLog;
import org.apache.camel.Variable;

/**
 * At most {@code tradehook.ratelimit.limit} requests per key per {@code tradehook.ratelimit.window}, counted in
 * PostgreSQL so every instance counts the same requests: one upsert per request, on a fixed window aligned to the
 * epoch. Refused requests count too, so hammering a key does not get more through.
 */
public final class RateLimiter {

    private static final String HIT = """
            insert into webhook_rate as r (key_id, window_start, hits)
            values (?, to_timestamp(floor(extract(epoch from clock_timestamp()) * 1000 / ?) * ? / 1000.0), 1)
            on conflict (key_id) do update
               set hits = case when r.window_start = excluded.window_start then r.hits + 1 else 1 end,
                   window_start = excluded.window_start
            returning hits, ceil(extract(epoch from r.window_start - clock_timestamp()) + ? / 1000.0)""";

    private final DataSource dataSource;
    private final int limit;
    private final Duration window;

    /** A limit of 0 turns rate limiting off. */
    public RateLimiter(DataSource dataSource, int limit, Duration window) {
        this.dataSource = dataSource;
        this.limit = limit;
        this.window = window;
    }

    public void admit(@Variable(RequestLog.KEY_OWNER) KeyOwner owner) throws SQLException {
        if (limit <= 0) {
            return;
        }
        long windowMillis = window.toMillis();
        try (Connection c = dataSource.getConnection(); PreparedStatement hit = c.prepareStatement(HIT)) {
            hit.setLong(1, owner.keyId());
            hit.setLong(2, windowMillis);
            hit.setLong(3, windowMillis);
            hit.setLong(4, windowMillis);
            try (ResultSet rs = hit.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > limit) {
                    long retryAfter = rs.getLong(2);
                    throw Rejection.tooManyRequests("rate limit exceeded: at most " + limit + " requests per "
                            + describe(window) + " for this key; retry in " + Math.max(1, retryAfter) + " s", retryAfter);
                }
            }
        }
    }

    private static String describe(Duration window) {
        long seconds = window.toSeconds();
        return seconds >= 60 && seconds % 60 == 0 ? (seconds / 60) + " min" : seconds + " s";
    }
}
