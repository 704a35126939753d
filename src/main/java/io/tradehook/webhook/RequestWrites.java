package io.tradehook.webhook;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.tradehook.db.Precondition;
import io.tradehook.db.Write;
import org.apache.camel.Exchange;

/**
 * The writes a webhook request leaves for the end of its path: they commit in one transaction with its request
 * record, before the answer leaves (a paper order, the idempotency answer). Writes that undo a claim when that
 * transaction fails are kept apart, for {@link RequestCommit} to commit instead. The request's admission may be left to
 * that transaction too.
 */
public final class RequestWrites {

    private static final String VARIABLE = "requestWrites";

    private final List<Write> writes = new ArrayList<>();
    private final List<Write> ifNotCommitted = new ArrayList<>();
    private boolean placesOrder;
    private Precondition admission;
    private Readmission readmission;

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

    /**
     * The request's admission, decided in its commit's transaction: its writes are made only if it holds there. When
     * it does not, nothing of the request was written, and {@code readmission} answers it as an admission would have.
     */
    public void admitWithCommit(Precondition admission, Readmission readmission) {
        this.admission = admission;
        this.readmission = readmission;
    }

    /** The admission left to the commit, if any. */
    Precondition admission() {
        return admission;
    }

    /** The readmission of an admission that did not hold at the commit; the request has none left to its commit. */
    Readmission takeAdmission() {
        Readmission taken = readmission;
        admission = null;
        readmission = null;
        return taken;
    }

    /** None of the writes left so far is to be made. */
    void dropWrites() {
        writes.clear();
        ifNotCommitted.clear();
        placesOrder = false;
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

    /** Admits a request whose admission, left to its commit, did not hold there. */
    @FunctionalInterface
    public interface Readmission {

        /**
         * True when the request now holds its claim and its writes can be made; false when it has been answered
         * otherwise (a duplicate's replay). A refusal is thrown, as the admission step throws it.
         */
        boolean readmit(Exchange exchange) throws SQLException;
    }
}
