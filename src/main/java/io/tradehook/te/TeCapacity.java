package io.tradehook.te;

import io.tradehook.webhook.RequestLog;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;

/**
 * The TE broker's {@code brokerCapacity}: before an order is counted or claimed, refuses it (503 with Retry-After,
 * nothing sent) when no call could end within the request's budget any more, or TE's request limits leave it no turn
 * within it. The broker route checks again when it takes its turn and a connection: this check takes neither, so an
 * order it lets through may still find them gone.
 */
final class TeCapacity {

    private final TeClient client;
    private final TePacing pacing;
    private final TeBudget budget;

    TeCapacity(TeClient client, TePacing pacing, TeBudget budget) {
        this.client = client;
        this.pacing = pacing;
        this.budget = budget;
    }

    public void check(@Variable(RequestLog.ACTION) String action, Exchange exchange) {
        Deadline deadline = budget.start(exchange);
        client.refuseIfTooLate(deadline);
        pacing.checkTurn(TePacing.limitTypeOf(action), deadline);
    }
}
