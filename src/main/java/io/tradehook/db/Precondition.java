package io.tradehook.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What must hold for a request's writes to be made, decided in its group commit just before them: the writes of a
 * request whose precondition fails are left out, and the rest of its group goes ahead. One {@link Check} decides all
 * the preconditions of a group at once.
 */
public interface Precondition {

    /** Raised by an {@link InStatement}'s result when a precondition of the group did not hold. */
    String NOT_ALL_HELD = "TH001";

    /** Decides preconditions; its own writes (a claim, a count) commit with the group's. */
    interface Check {

        /** In the group's transaction, before its writes: one verdict per precondition, in order. */
        List<Boolean> holds(Connection connection, List<Precondition> preconditions) throws SQLException;

        /**
         * The same decision inside the one statement that makes the group's writes, when these preconditions can be
         * decided so: that statement fails with SQLState {@link #NOT_ALL_HELD}, and is undone, unless all of them hold.
         */
        Optional<InStatement> inStatement(List<Precondition> preconditions);
    }

    /** The {@code with} queries that decide a group's preconditions, and the statement's result that checks them. */
    interface InStatement {

        String withQueries();

        String result();

        /** Binds the {@code with} queries' parameters from {@code index} on; the next free index. */
        int bind(Connection connection, PreparedStatement statement, int index) throws SQLException;
    }
}
