package io.tradehook.te;

import io.tradehook.webhook.RequestLog;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;

/**
 * The TE broker's {@code brokerCapacity}: before an order is counted or claimed, refuses it (503 with Retry-After,
 * nothing sent) when TE's request limits leave it no turn within the request's budget. The broker route checks again
 * when it takes its turn: this check takes none, so an order it lets through may still find the turns gone.
 */
final class TeCapacity {

    private final TePacing pacing;
    private final TeBudget budget;
    private final long callTimeoutMs;

    TeCapacity(TePacing pacing, TeBudget budget, long callTimeoutMs) {
        this.pacing = pacing;
        this.budget = budget;
        this.callTimeoutMs = callTimeoutMs;
    }

    public void check(@Variable(RequestLog.ACTION) String action, Exchange exchange) {
        pacing.checkTurn(TePacing.limitTypeOf(action), budget.start(exchange), callTimeoutMs);
    }
}
