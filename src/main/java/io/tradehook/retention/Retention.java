package io.tradehook.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping: webhook request records older than {@code tradehook.requests.retention} and idempotency claims past
 * their window are deleted in small batches, each its own short statement, so a purge never holds long locks or
 * competes with live requests for long.
 */
public final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final String OLD_REQUESTS = """
            delete from webhook_request where id in (
                select id from webhook_request where received_at < now() - ? * interval '1 millisecond' limit ?)""";
    private static final String EXPIRED_CLAIMS = """
            delete from webhook_idempotency where (key_id, fingerprint) in (
                select key_id, fingerprint from webhook_idempotency where expires_at <= now() limit ?)""";

    private final DataSource dataSource;
    private final Duration retention;
    private final int batchSize;

    public Retention(DataSource dataSource, Duration retention, int batchSize) {
        this.dataSource = dataSource;
        this.retention = retention;
        this.batchSize = batchSize;
    }

    /** Returns how many rows went, all tables together. A zero retention keeps request records forever. */
    public int purge() throws SQLException {
        int requests = retention.isZero() ? 0 : inBatches(OLD_REQUESTS, retention.toMillis());
        int claims = inBatches(EXPIRED_CLAIMS);
        if (requests + claims > 0) {
            LOG.info("Purged {} webhook request records older than {} and {} expired idempotency claims",
                    requests, retention, claims);
        }
        return requests + claims;
    }

    /** Runs the delete (its last parameter is the batch size) until a batch comes back short. */
    private int inBatches(String sql, long... parameters) throws SQLException {
        int total = 0;
        int deleted;
        do {
            try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    delete.setLong(i + 1, parameters[i]);
                }
                delete.setInt(parameters.length + 1, batchSize);
                deleted = delete.executeUpdate();
            }
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }
}
