package io.tradehook.paper;

import static io.tradehook.db.Transactions.inTransaction;
import static io.tradehook.db.WriteKind.Column.bigint;
import static io.tradehook.db.WriteKind.Column.text;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.db.WriteKind;
import io.tradehook.keys.KeyOwner;
import io.tradehook.webhook.ExactNumbers;
import io.tradehook.common.Json;
import io.tradehook.common.Rejection;
import io.tradehook.webhook.RequestLog;
import io.tradehook.webhook.RequestWrites;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;

/**
 * The built-in simulated broker. Orders live in PostgreSQL with ids the database assigns; a market order fills at
 * once, others stay working until cancelled. A filled or cancelled order cannot be modified or cancelled again.
 * An order of another account than the one named, or of another user, is unknown.
 */
public final class PaperBroker {

    private static final String WORKING = "working";
    private static final String FILLED = "filled";
    private static final String CANCELLED = "cancelled";

    /** Ids are drawn ahead ({@link OrderIds}) from the identity's own sequence, hence {@code overriding system value}. */
    private static final WriteKind<NewOrder> INSERT = WriteKind.of("paper_order_insert", """
            insert into paper_order (id, account_id, status, fields) overriding system value
            select t.id, t.account_id, t.status, t.fields::jsonb
              from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) as t(id, account_id, status, fields)""",
            bigint(NewOrder::id), bigint(NewOrder::accountId), text(NewOrder::status), text(NewOrder::fields));

    private final DataSource dataSource;
    private final OrderIds orderIds;

    /** {@code asynchronousCommit}: for drawing order ids (see {@link OrderIds}). */
    public PaperBroker(DataSource dataSource, DataSource asynchronousCommit) {
        this.dataSource = dataSource;
        this.orderIds = new OrderIds(asynchronousCommit);
    }

    /**
     * Answers the normalised order with its new {@code orderId} first, as the spec's example does. The order is
     * written with the request record, in one commit, before the answer leaves.
     */
    public ObjectNode place(@Body ObjectNode order, @Variable(RequestLog.KEY_OWNER) KeyOwner owner, Exchange exchange)
            throws SQLException {
        String status = "market".equals(order.path("type").asText()) ? FILLED : WORKING;
        long orderId = orderIds.next();
        RequestWrites.of(exchange).addOrder(INSERT.write(
                new NewOrder(orderId, accountId(order, owner), status, Json.text(orderFields(order)))));
        ObjectNode answer = orderIdAnswer(orderId);
        answer.setAll(order);
        return answer;
    }

    /** Changes only the fields sent. */
    public ObjectNode modify(@Body ObjectNode order, @Variable(RequestLog.KEY_OWNER) KeyOwner owner) throws SQLException {
        long orderId = ExactNumbers.longValue(order, "orderId");
        ObjectNode changes = orderFields(order);
        changes.remove("orderId");
        inTransaction(dataSource, c -> {
            JsonNode current = lockWorkingOrder(c, orderId, accountId(order, owner));
            if (changes.has("userComment") && !"care".equals(current.path("type").asText())) {
                throw Rejection.brokerRejected("userComment: only Care orders carry a comment");
            }
            // the schema checks expireDate against a validity sent with it; without one, the order's own counts
            String validity = changes.path("validity").asText(current.path("validity").asText());
            if (changes.has("expireDate") && !"GTD".equals(validity)) {
                throw Rejection.brokerRejected("expireDate: only GTD orders have an expiry date");
            }
            // an order that stops being GTD stops expiring: its old expireDate goes
            String merge = "GTD".equals(validity) ? "fields || ?::jsonb" : "(fields || ?::jsonb) - 'expireDate'";
            return update(c, "update paper_order set fields = " + merge + ", updated_at = now() where id = ?",
                    Json.text(changes), orderId);
        });
        return orderIdAnswer(orderId);
    }

    public ObjectNode cancel(@Body ObjectNode order, @Variable(RequestLog.KEY_OWNER) KeyOwner owner) throws SQLException {
        long orderId = ExactNumbers.longValue(order, "orderId");
        inTransaction(dataSource, c -> {
            lockWorkingOrder(c, orderId, accountId(order, owner));
            return update(c, "update paper_order set status = ?, updated_at = now() where id = ?", CANCELLED, orderId);
        });
        return orderIdAnswer(orderId);
    }

    /** The order's fields, locked for this transaction; 404 when it is not this account's, 422 when it is done. */
    private static JsonNode lockWorkingOrder(Connection c, long orderId, long accountId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "select status, fields::text from paper_order where id = ? and account_id = ? for update")) {
            select.setLong(1, orderId);
            select.setLong(2, accountId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw Rejection.notFound("order " + orderId + " not found in this account");
                }
                String status = rs.getString(1);
                if (!WORKING.equals(status)) {
                    throw Rejection.brokerRejected("order " + orderId + " is " + status + " and can no longer change");
                }
                return Json.tree(rs.getString(2));
            }
        }
    }

    private static int update(Connection c, String sql, String value, long orderId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(sql)) {
            update.setString(1, value);
            update.setLong(2, orderId);
            return update.executeUpdate();
        }
    }

    /** What the broker keeps of an order: everything but the routing fields. */
    private static ObjectNode orderFields(ObjectNode order) {
        ObjectNode fields = order.deepCopy();
        fields.remove("action");
        fields.remove("accountName");
        return fields;
    }

    private static long accountId(ObjectNode order, KeyOwner owner) {
        return owner.accountId(order.path("accountName").asText())
                .orElseThrow(() -> new IllegalStateException("the account guard runs before the broker"));
    }

    private static ObjectNode orderIdAnswer(long orderId) {
        return JsonNodeFactory.instance.objectNode().put("orderId", Long.toString(orderId));
    }

    /** A placed order's row; {@code fields} is JSON. */
    private record NewOrder(long id, long accountId, String status, String fields) {
    }
}
