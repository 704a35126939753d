package io.tradehook.te;

import org.apache.camel.Exchange;

/**
 * The time budget of one webhook request's broker work, counted from the moment the request arrived. TradingView
 * drops a request after 3 s; the budget (2.2 s by default) leaves room for the network and our own steps.
 */
final class TeBudget {

    private final long budgetMs;

    TeBudget(long budgetMs) {
        this.budgetMs = budgetMs;
    }

    public Deadline start(Exchange exchange) {
        return new Deadline(exchange.getClock().getCreated() + budgetMs);
    }
}
