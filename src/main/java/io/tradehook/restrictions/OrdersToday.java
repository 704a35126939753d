package io.tradehook.restrictions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

/**
 * How many orders a key placed since a given instant: its place requests answered 200 in the request records (a
 * resend answered from the first answer is recorded as a duplicate, and does not count twice). Records commit before
 * their answers leave, so only requests still in flight at the same moment are not counted yet.
 */
final class OrdersToday {

    private final DataSource dataSource;

    OrdersToday(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    long since(long keyId, Instant start) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     select count(*) from webhook_request
                      where key_id = ? and received_at >= ? and action = 'place' and status = 200 and outcome = 'ok'""")) {
            select.setLong(1, keyId);
            select.setTimestamp(2, Timestamp.from(start));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
