package io.tradehook.te;

import java.sql.SQLException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.keys.KeyOwner;
import io.tradehook.webhook.BrokerFailure;
import io.tradehook.webhook.ExactNumbers;
import io.tradehook.webhook.Rejection;
import io.tradehook.webhook.RequestLog;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * The order calls: place {@code POST /accounts/{accountId}/orders}, modify {@code PATCH /orders/{orderId}},
 * cancel {@code DELETE /orders/{orderId}}. Each returns the order id as a string. None is ever sent again after a
 * failure; a place is recorded before it leaves. Modify and cancel reach only orders placed through this gateway
 * on the account named: the gateway signs in to TE as one user, so TE alone cannot tell one trader's orders from
 * another's.
 */
final class TeOrders {

    private final TeApi api;
    private final TeOrderAttempts attempts;

    TeOrders(TeApi api, TeOrderAttempts attempts) {
        this.api = api;
        this.attempts = attempts;
    }

    public String place(@Body ObjectNode teOrder, @Variable(TeBroker.ACCOUNT_ID) String teAccountId,
                        @Variable(RequestLog.KEY_OWNER) KeyOwner owner,
                        @Variable(RequestLog.ACCOUNT_NAME) String accountName,
                        @Variable(TeBroker.DEADLINE) Deadline deadline) throws SQLException {
        TeOrderAttempts.Attempt attempt = attempts.open(owner.keyId(), accountName, teAccountId, teOrder);
        TeAnswer answer;
        try {
            // requestId: TE's "unique identifier of a request", in case the installation de-duplicates by it
            answer = api.call(new TeCall("POST", "/accounts/" + TeBroker.pathSegment(teAccountId) + "/orders",
                    "requestId=" + attempt.requestId(), teOrder, false), deadline);
        } catch (BrokerFailure failure) {
            if (!failure.outcomeUnknown()) {
                attempts.settle(attempt, "failed", null, failure.getMessage());
            }
            throw failure;
        }
        if (!answer.ok()) {
            attempts.settle(attempt, "rejected", null, answer.errmsg());
            throw TeReplies.refused(answer);
        }
        String orderId = TeReplies.orderId(answer);
        attempts.settle(attempt, "placed", orderId, null);
        return orderId;
    }

    public String modify(@Body ObjectNode teChanges, @Variable(TeBroker.ORDER) ObjectNode order,
                         @Variable(RequestLog.ACCOUNT_NAME) String accountName,
                         @Variable(TeBroker.DEADLINE) Deadline deadline) throws SQLException {
        long orderId = ownedOrderId(order, accountName);
        return confirmed(api.call(new TeCall("PATCH", "/orders/" + orderId, null, teChanges, false), deadline), orderId);
    }

    public String cancel(@Body ObjectNode order, @Variable(RequestLog.ACCOUNT_NAME) String accountName,
                         @Variable(TeBroker.DEADLINE) Deadline deadline) throws SQLException {
        long orderId = ownedOrderId(order, accountName);
        return confirmed(api.call(new TeCall("DELETE", "/orders/" + orderId, null, null, false), deadline), orderId);
    }

    private long ownedOrderId(ObjectNode order, String accountName) throws SQLException {
        long orderId = ExactNumbers.longValue(order, "orderId");
        if (!attempts.placedThrough(accountName, orderId)) {
            throw Rejection.notFound("order " + orderId + " not found in this account");
        }
        return orderId;
    }

    private static String confirmed(TeAnswer answer, long orderId) {
        if (!answer.ok()) {
            throw TeReplies.refused(answer);
        }
        return Long.toString(orderId);
    }
}
