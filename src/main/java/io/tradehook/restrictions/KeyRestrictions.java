package io.tradehook.restrictions;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.keys.KeyOwner;
import io.tradehook.webhook.Rejection;
import io.tradehook.webhook.RequestLog;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * Optional limits an owner puts on one key (table {@code webhook_key_restriction}): the accounts and actions it may
 * use, the largest quantity, and the source addresses it may be called from. A key without a row is unrestricted.
 * Every refusal is a 403 naming the restriction, never the allowed values.
 */
public final class KeyRestrictions {

    record Restriction(List<String> accounts, List<String> actions, BigDecimal maxQty, SourceAllowlist sources) {
    }

    private final DataSource dataSource;

    public KeyRestrictions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void check(@Body ObjectNode order, @Variable(RequestLog.ACTION) String action,
                      @Variable(RequestLog.KEY_OWNER) KeyOwner owner,
                      @Variable(RequestLog.SOURCE_ADDRESS) String sourceAddress) throws SQLException {
        Optional<Restriction> found = find(owner.keyId());
        if (found.isEmpty()) {
            return;
        }
        Restriction restriction = found.get();
        if (restriction.sources() != null && !restriction.sources().allows(sourceAddress)) {
            throw Rejection.forbidden("this key does not accept requests from this source address");
        }
        if (restriction.actions() != null && !restriction.actions().contains(action)) {
            throw Rejection.forbidden("action: " + action + " is not allowed for this key");
        }
        if (restriction.accounts() != null && !restriction.accounts().contains(order.path("accountName").asText())) {
            throw Rejection.forbidden("accountName: this account is not allowed for this key");
        }
        if (restriction.maxQty() != null && order.path("qty").isNumber()
                && order.path("qty").decimalValue().compareTo(restriction.maxQty()) > 0) {
            throw Rejection.forbidden("qty: above the maximum quantity of this key ("
                    + restriction.maxQty().stripTrailingZeros().toPlainString() + ")");
        }
    }

    private Optional<Restriction> find(long keyId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     select allowed_accounts, allowed_actions, max_qty, allowed_sources
                       from webhook_key_restriction where key_id = ?""")) {
            select.setLong(1, keyId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> sources = texts(rs.getArray(4));
                return Optional.of(new Restriction(texts(rs.getArray(1)), texts(rs.getArray(2)), rs.getBigDecimal(3),
                        sources == null ? null : SourceAllowlist.of(sources)));
            }
        }
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? null : List.of((String[]) array.getArray());
    }
}
