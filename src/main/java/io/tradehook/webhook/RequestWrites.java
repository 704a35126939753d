package io.tradehook.webhook;

import java.util.ArrayList;
import java.util.List;

import io.tradehook.db.Write;
import org.apache.camel.Exchange;

/**
 * The writes a webhook request leaves for the end of its path: they commit in one transaction with its request
 * record, before the answer leaves (a paper order, the idempotency answer). Writes that undo a claim when that
 * transaction fails are kept apart, for {@link RequestLog} to commit instead.
 */
public final class RequestWrites {

    private static final String VARIABLE = "requestWrites";

    private final List<Write> writes = new ArrayList<>();
    private final List<Write> ifNotCommitted = new ArrayList<>();
    private boolean placesOrder;

    /** This exchange's writes, created on first use. */
    public static RequestWrites of(Exchange exchange) {
        RequestWrites writes = exchange.getVariable(VARIABLE, RequestWrites.class);
        if (writes == null) {
            writes = new RequestWrites();
            exchange.setVariable(VARIABLE, writes);
        }
        return writes;
    }

    public void add(Write write) {
        writes.add(write);
    }

    /** An order the answer reports as placed: if it cannot be committed, the answer must say so. */
    public void addOrder(Write write) {
        placesOrder = true;
        writes.add(write);
    }

    /** Committed instead of the other writes when they could not be. */
    public void ifNotCommitted(Write write) {
        ifNotCommitted.add(write);
    }

    boolean placesOrder() {
        return placesOrder;
    }

    List<Write> writes() {
        return writes;
    }

    List<Write> ifNotCommitted() {
        return ifNotCommitted;
    }
}
