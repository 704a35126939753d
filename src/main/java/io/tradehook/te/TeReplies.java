package io.tradehook.te;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.common.BrokerFailure;
import io.tradehook.common.Rejection;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * TE's answer → our {@code d}. {@code s:"ok"} gives the order id as a string (after a place, followed by the
 * normalised order, as the paper broker answers); {@code s:"error"} is a 422 carrying TE's own {@code errmsg}
 * (404 when TE says it does not know the order).
 */
final class TeReplies {

    public ObjectNode placed(@Body String orderId, @Variable(TeBroker.ORDER) ObjectNode order) {
        ObjectNode answer = changed(orderId);
        answer.setAll(order);
        return answer;
    }

    public ObjectNode changed(@Body String orderId) {
        return JsonNodeFactory.instance.objectNode().put("orderId", orderId);
    }

    /** The id TE gave a placed order, as a string; an ok answer without one cannot be trusted either way. */
    static String orderId(TeAnswer answer) {
        JsonNode id = answer.data().path("orderId");
        if (!id.isValueNode() || id.isNull() || id.asText().isBlank()) {
            throw new BrokerFailure(502, TeClient.OUTCOME_UNKNOWN, true);
        }
        return id.asText();
    }

    /** TE said no: its message, shown to the trader as TE meant it to be. */
    static Rejection refused(TeAnswer answer) {
        return answer.status() == 404 ? Rejection.notFound(answer.errmsg()) : Rejection.brokerRejected(answer.errmsg());
    }
}
