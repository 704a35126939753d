package io.tradehook.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the writes of concurrent webhook requests together: one transaction, one round trip per kind of
 * statement and one WAL flush for the whole group, instead of a transaction and a flush per request. A caller of
 * {@link #commit} returns once its writes are durable, or gets the failure. When a group fails, each of its
 * requests is tried again on its own, so one bad write fails only the request it belongs to. A few committers
 * take groups in turn: one group waits for its flush (or a lock) while the next one forms and goes.
 */
public final class GroupCommit extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    /** More requests than this are left to the next group, which keeps a group's transaction short. */
    private static final int MAX_GROUP = 64;
    private static final int COMMITTERS = 4;

    private final DataSource dataSource;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private final List<Thread> committers = new ArrayList<>();

    public GroupCommit(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Blocks until the writes are committed with the group they joined. */
    public void commit(List<Write> writes) throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        Pending pending = new Pending(writes);
        queue.add(pending);
        if (!running) {
            // stopped meanwhile: whatever the committer left behind is failed here
            failQueued();
        }
        pending.await();
    }

    @Override
    protected void doStart() {
        running = true;
        for (int i = 0; i < COMMITTERS; i++) {
            Thread committer = new Thread(this::commitGroups, "tradehook-group-commit-" + i);
            committer.setDaemon(true);
            committer.start();
            committers.add(committer);
        }
    }

    /** Runs after the routes stopped: the group in flight finishes, anything left is failed. */
    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        for (Thread committer : committers) {
            committer.join(TimeUnit.SECONDS.toMillis(5));
        }
        committers.clear();
        failQueued();
    }

    private void commitGroups() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (running) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                commitGroup(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Group commit failed unexpectedly", e);
                group.forEach(p -> p.failed(e));
            } finally {
                group.clear();
            }
        }
    }

    private void commitGroup(List<Pending> group) {
        try {
            write(group);
            group.forEach(Pending::committed);
        } catch (SQLException e) {
            if (group.size() == 1 || connectionFailed(e)) {
                group.forEach(p -> p.failed(e));
                return;
            }
            for (Pending alone : group) {
                try {
                    write(List.of(alone));
                    alone.committed();
                } catch (SQLException | RuntimeException failure) {
                    alone.failed(failure);
                }
            }
        }
    }

    private void write(List<Pending> group) throws SQLException {
        Map<String, List<Write>> bySql = new LinkedHashMap<>();
        for (Pending pending : group) {
            for (Write write : pending.writes) {
                bySql.computeIfAbsent(write.sql(), sql -> new ArrayList<>()).add(write);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Map.Entry<String, List<Write>> kind : bySql.entrySet()) {
                    try (PreparedStatement statement = c.prepareStatement(kind.getKey())) {
                        for (Write write : kind.getValue()) {
                            write.binder().bind(statement);
                            statement.addBatch();
                        }
                        statement.executeBatch();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** No connection (database down, pool exhausted): trying each request alone would only wait longer. */
    private static boolean connectionFailed(SQLException e) {
        return e instanceof SQLTransientConnectionException || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
    }

    private void failQueued() {
        SQLException stopped = new SQLException("the gateway is stopping: writes not committed", "57P01");
        for (Pending left; (left = queue.poll()) != null; ) {
            left.failed(stopped);
        }
    }

    /** One caller's writes and the caller waiting for them. */
    private static final class Pending {
        private final List<Write> writes;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Pending(List<Write> writes) {
            this.writes = writes;
        }

        void committed() {
            done.complete(null);
        }

        void failed(Exception e) {
            done.completeExceptionally(e);
        }

        void await() throws SQLException {
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while committing", "57014", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException failure) {
                    throw failure;
                }
                throw new SQLException("writes not committed: " + e.getCause().getMessage(), "XX000", e.getCause());
            }
        }
    }
}
