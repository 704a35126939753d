package io.tradehook.restrictions;

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
 * called from. A key without a row is unrestricted.
 * Every refusal is a 403 naming the restriction, never the allowed values.
 */
public final class KeyRestrictions {

    public void check(@Body ObjectNode order, @Variable(RequestLog.ACTION) String action,
                      @Variable(RequestLog.KEY_OWNER) KeyOwner owner,
                      @Variable(RequestLog.SOURCE_ADDRESS) String sourceAddress) {
        KeyLimits limits = owner.limits();
        if (limits == null) {
            return;
        }
        if (limits.sources() != null && !SourceAllowlist.of(limits.sources()).allows(sourceAddress)) {
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
    }
}
