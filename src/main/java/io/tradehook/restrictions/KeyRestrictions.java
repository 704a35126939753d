package io.tradehook.restrictions;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.keys.KeyLimits;
import io.tradehook.keys.KeyOwner;
import io.tradehook.common.Rejection;
import io.tradehook.webhook.RequestLog;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * Optional limits an owner puts on one key (table {@code webhook_key_restriction}, read with the key when it is
 * authenticated): the accounts and actions it may use, the largest quantity, and the source addresses it may be
 * called from, the orders it may place a day and its trading window. A key without a row is unrestricted.
 * Every refusal is a 403 naming the restriction, never the allowed values.
 */
public final class KeyRestrictions {

    /**
     * The source address of a test alert sent from the panel: not the alert tool's, so the source addresses are not
     * checked for it (every other limit is).
     */
    public static final String PANEL_SOURCE = "panel";

    static final String OUTSIDE_WINDOW = "trading window: outside this key's trading days and hours "
            + "(a cancel is still accepted)";

    private final OrdersToday ordersToday;
    private final Clock clock;

    public KeyRestrictions(DataSource dataSource, Clock clock) {
        this.ordersToday = new OrdersToday(dataSource);
        this.clock = clock;
    }

    public void check(@Body ObjectNode order, @Variable(RequestLog.ACTION) String action,
                      @Variable(RequestLog.KEY_OWNER) KeyOwner owner,
                      @Variable(RequestLog.SOURCE_ADDRESS) String sourceAddress) throws SQLException {
        KeyLimits limits = owner.limits();
        if (limits == null) {
            return;
        }
        if (limits.sources() != null && !PANEL_SOURCE.equals(sourceAddress)
                && !SourceAllowlist.of(limits.sources()).allows(sourceAddress)) {
            throw Rejection.forbidden("this key does not accept requests from this source address");
        }
        if (limits.actions() != null && !limits.actions().contains(action)) {
            throw Rejection.forbidden("action: " + action + " is not allowed for this key");
        }
        if (limits.accounts() != null && !limits.accounts().contains(order.path("accountName").asText())) {
            throw Rejection.forbidden("accountName: this account is not allowed for this key");
        }
        if (limits.maxQty() != null && order.path("qty").isNumber()
                && order.path("qty").decimalValue().compareTo(limits.maxQty()) > 0) {
            throw Rejection.forbidden("qty: above the maximum quantity of this key ("
                    + limits.maxQty().stripTrailingZeros().toPlainString() + ")");
        }
        Instant now = clock.instant();
        // a cancel only takes exposure away: a trader can always get out, whatever the window
        if (limits.window() != null && !"cancel".equals(action) && !limits.window().contains(now)) {
            throw Rejection.forbidden(OUTSIDE_WINDOW);
        }
        if (limits.ordersPerDay() != null && "place".equals(action)) {
            ZoneId zone = limits.window() == null ? ZoneOffset.UTC : limits.window().zone();
            Instant midnight = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
            if (ordersToday.since(owner.keyId(), midnight) >= limits.ordersPerDay()) {
                throw Rejection.forbidden("orders per day: this key placed its " + limits.ordersPerDay()
                        + " orders of the day (the day starts at midnight " + zone.getId() + ")");
            }
        }
    }
}
