package io.tradehook.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

import javax.sql.DataSource;

import io.tradehook.keys.KeyOwner;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every webhook request, accepted or refused, with its outcome, before the answer leaves. It reads only
 * exchange variables the earlier steps set; the secret is never one of them. The same statement stamps the key's
 * last use, at most every few seconds so a burst of alerts does not queue on one row.
 */
public final class RequestLog {

    public static final String SOURCE_ADDRESS = "sourceAddress";
    public static final String API_KEY = "apiKey";
    public static final String KEY_OWNER = "keyOwner";
    public static final String ACTION = "action";
    public static final String ACCOUNT_NAME = "accountName";
    public static final String ORDER_ID = "orderId";
    public static final String OUTCOME = "outcome";

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final String INSERT = """
            with recorded as (
                insert into webhook_request (received_at, api_key, key_id, user_id, action, account_name, status,
                                             outcome, errmsg, order_id, latency_ms, source_address)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                returning key_id)
            update webhook_key set last_used_at = now()
             where id = (select key_id from recorded)
               and (last_used_at is null or last_used_at < now() - interval '5 seconds')""";

    private final DataSource dataSource;

    public RequestLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(Exchange exchange) {
        KeyOwner owner = exchange.getVariable(KEY_OWNER, KeyOwner.class);
        insert(exchange.getClock().getCreated(), exchange.getVariable(API_KEY, String.class), owner,
                exchange.getVariable(ACTION, String.class),
                owner == null ? null : exchange.getVariable(ACCOUNT_NAME, String.class),
                exchange.getVariable(OUTCOME, Outcome.class), exchange.getVariable(SOURCE_ADDRESS, String.class));
    }

    /**
     * A request the HTTP server refused before any route ran (a body over the limit). Its path named an API key, so
     * the key's owner sees the refused alert in the history; the key is not authenticated, so no key or user is set.
     */
    public void recordRefused(String apiKey, String sourceAddress, Outcome outcome) {
        insert(System.currentTimeMillis(), apiKey, null, null, null, outcome, sourceAddress);
    }

    private void insert(long receivedAt, String apiKey, KeyOwner owner, String action, String accountName,
                        Outcome outcome, String sourceAddress) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setTimestamp(1, Timestamp.from(Instant.ofEpochMilli(receivedAt)));
            insert.setString(2, apiKey);
            setLong(insert, 3, owner == null ? null : owner.keyId());
            setLong(insert, 4, owner == null ? null : owner.userId());
            insert.setString(5, action);
            insert.setString(6, accountName);
            insert.setInt(7, outcome.status());
            insert.setString(8, outcome.result());
            insert.setString(9, outcome.errmsg());
            insert.setString(10, outcome.orderId());
            insert.setInt(11, (int) Math.min(Integer.MAX_VALUE, System.currentTimeMillis() - receivedAt));
            insert.setString(12, sourceAddress);
            insert.executeUpdate();
        } catch (SQLException e) {
            // the answer still goes out; a database that cannot take this row could not have taken an order either
            LOG.warn("Webhook request not recorded (status {}): {}", outcome.status(), e.getMessage());
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }
}
