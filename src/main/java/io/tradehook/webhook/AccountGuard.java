package io.tradehook.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.keys.KeyOwner;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import io.tradehook.common.Rejection;

/** The account an order names must belong to the key's user; an account of someone else looks like no account. */
public final class AccountGuard {

    public String authorize(@Body ObjectNode order, @Variable(RequestLog.KEY_OWNER) KeyOwner owner) {
        String accountName = order.path("accountName").asText();
        if (owner.accountId(accountName).isEmpty()) {
            throw Rejection.forbidden("accountName: not an account of this key's user");
        }
        return accountName;
    }
}
