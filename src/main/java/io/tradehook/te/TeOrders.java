package io.tradehook.te;

import java.sql.SQLException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.keys.KeyOwner;
import io.tradehook.common.BrokerFailure;
import io.tradehook.webhook.ExactNumbers;
import io.tradehook.common.Rejection;
import io.tradehook.webhook.RequestDetail;
import io.tradehook.webhook.RequestLog;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;

/**
 * The order calls: place {@code POST /accounts/{accountId}/orders}, modify {@code PATCH /orders/{orderId}},
 * cancel {@code DELETE /orders/{orderId}}. Each waits for its turn under TE's request limits ({@link TePacing}) and
 * returns the order id as a string. None is ever sent again after a failure; a place is recorded before it leaves.
 * Modify and cancel reach only orders placed through this gateway on the account named: the gateway signs in to TE
 * as one user, so TE alone cannot tell one trader's orders from another's.
 */
final class TeOrders {

    private final TeApi api;
    private final TeOrderAttempts attempts;
    private final TePacing pacing;

    TeOrders(TeApi api, TeOrderAttempts attempts, TePacing pacing) {
        this.api = api;
        this.attempts = attempts;
        this.pacing = pacing;
    }

    public String place(@Body ObjectNode teOrder, @Variable(TeBroker.ORDER) ObjectNode order,
                        @Variable(TeBroker.ACCOUNT_ID) String teAccountId,
                        @Variable(RequestLog.KEY_OWNER) KeyOwner owner,
                        @Variable(RequestLog.ACCOUNT_NAME) String accountName,
                        @Variable(TeBroker.DEADLINE) Deadline deadline, Exchange exchange) throws SQLException {
        // requestId: TE's "unique identifier of a request", in case the installation de-duplicates by it
        TeCall call = TeCall.order("POST", "/accounts/" + TeBroker.pathSegment(teAccountId) + "/orders", null,
                teOrder, TePacing.PLACE);
        TeOrderAttempts.Attempt attempt = attempts.open(owner.keyId(), accountName, teAccountId, teOrder,
                order.path("requestId").asText(null));
        TeAnswer answer;
        try {
            // the turn right before the call, after the attempt's insert: a turn is a moment TE may count the call
            // at, and the insert's wait would move the call off it
            pacing.awaitTurn(call, deadline);
            TeCall sent = withRequestId(call, attempt);
            RequestDetail.sentToBroker(exchange, sent.asJson());
            answer = api.call(sent, deadline);
        } catch (BrokerFailure failure) {
            attempts.settle(exchange, attempt, failure.outcomeUnknown() ? "unknown" : "failed", null, failure.getMessage());
            throw failure;
        }
        if (!answer.ok()) {
            attempts.settle(exchange, attempt, "rejected", null, answer.errmsg());
            throw TeReplies.refused(answer);
        }
        String orderId;
        try {
            orderId = TeReplies.orderId(answer);
        } catch (BrokerFailure unreadable) {
            attempts.settle(exchange, attempt, "unknown", null, unreadable.getMessage());
            throw unreadable;
        }
        attempts.settle(exchange, attempt, "placed", orderId, null);
        return orderId;
    }

    public String modify(@Body ObjectNode teChanges, @Variable(TeBroker.ORDER) ObjectNode order,
                         @Variable(RequestLog.ACCOUNT_NAME) String accountName,
                         @Variable(TeBroker.DEADLINE) Deadline deadline, Exchange exchange) throws SQLException {
        long orderId = ownedOrderId(order, accountName);
        return confirmed(TeCall.order("PATCH", "/orders/" + orderId, null, teChanges, TePacing.MODIFY), deadline, orderId,
                exchange);
    }

    public String cancel(@Body ObjectNode order, @Variable(RequestLog.ACCOUNT_NAME) String accountName,
                         @Variable(TeBroker.DEADLINE) Deadline deadline, Exchange exchange) throws SQLException {
        long orderId = ownedOrderId(order, accountName);
        return confirmed(TeCall.order("DELETE", "/orders/" + orderId, null, null, TePacing.CANCEL), deadline, orderId,
                exchange);
    }

    private static TeCall withRequestId(TeCall call, TeOrderAttempts.Attempt attempt) {
        return TeCall.order(call.method(), call.path(), "requestId=" + attempt.requestId(), call.body(), call.limitType());
    }

    private long ownedOrderId(ObjectNode order, String accountName) throws SQLException {
        long orderId = ExactNumbers.longValue(order, "orderId");
        if (!attempts.placedThrough(accountName, orderId)) {
            throw Rejection.notFound("order " + orderId + " not found in this account");
        }
        return orderId;
    }

    /** A modify or cancel is done when TE says ok: {@code {"s":"ok"}} with or without {@code d}, or 204. */
    private String confirmed(TeCall call, Deadline deadline, long orderId, Exchange exchange) {
        pacing.awaitTurn(call, deadline);
        RequestDetail.sentToBroker(exchange, call.asJson());
        TeAnswer answer = api.call(call, deadline);
        if (!answer.ok()) {
            throw TeReplies.refused(answer);
        }
        return Long.toString(orderId);
    }
}
