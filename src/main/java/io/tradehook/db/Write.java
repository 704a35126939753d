package io.tradehook.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** One parameterised statement for a {@link GroupCommit}: writes of the same SQL are sent together as one batch. */
public record Write(String sql, Binder binder) {

    /** Sets the statement's parameters for this write. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
