package io.tradehook.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What must hold for a request's writes to be made, decided in its group commit's own transaction just before them:
 * the writes of a request whose precondition fails are left out, and the rest of its group goes ahead. One
 * {@link Check} decides all the preconditions of a group in one round trip.
 */
public interface Precondition {

    /** Decides preconditions; its own writes (a claim, a count) commit with the group's. */
    @FunctionalInterface
    interface Check {

        /** One verdict per precondition, in order: true where the request's writes are to be made. */
        List<Boolean> holds(Connection connection, List<Precondition> preconditions) throws SQLException;
    }
}
