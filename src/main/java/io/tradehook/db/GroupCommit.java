package io.tradehook.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.support.service.ServiceSupport;

/**
 * Commits the writes of concurrent webhook requests together ({@link Grouped}): one transaction, one round trip per
 * kind of statement and one WAL flush for the whole group, instead of a transaction and a flush per request. A
 * caller of {@link #commit} returns once its writes are durable, or gets the failure.
 */
public final class GroupCommit extends ServiceSupport {

    private final Grouped<List<Write>, Boolean> grouped;

    public GroupCommit(DataSource dataSource) {
        this.grouped = Grouped.transaction(dataSource, GroupCommit::write);
    }

    /** Blocks until the writes are committed with the group they joined. */
    public void commit(List<Write> writes) throws SQLException {
        if (!writes.isEmpty()) {
            grouped.call(writes);
        }
    }

    @Override
    protected void doStart() {
        grouped.start();
    }

    @Override
    protected void doStop() {
        grouped.stop();
    }

    /** Writes of the same SQL go as one batch (pgjdbc sends a batch of inserts as multi-row inserts). */
    private static List<Boolean> write(Connection c, List<List<Write>> group) throws SQLException {
        Map<String, List<Write>> bySql = new LinkedHashMap<>();
        for (List<Write> writes : group) {
            for (Write write : writes) {
                bySql.computeIfAbsent(write.sql(), sql -> new ArrayList<>()).add(write);
            }
        }
        for (Map.Entry<String, List<Write>> kind : bySql.entrySet()) {
            try (PreparedStatement statement = c.prepareStatement(kind.getKey())) {
                for (Write write : kind.getValue()) {
                    write.binder().bind(statement);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        return Collections.nCopies(group.size(), Boolean.TRUE);
    }
}
