package io.tradehook.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
 * Runs the same database work for many concurrent requests at once: the inputs that arrive while a group is in
 * flight form the next group, which takes one round trip and one commit instead of one per request. A caller of
 * {@link #call} blocks until its own result is known. When a group fails, each of its inputs is tried again on
 * its own, so one bad input fails only the request it belongs to. A group's work is one statement, which commits by
 * itself. Groups form while a worker is busy, so there are few workers: one for a statement whose commit need not
 * wait for the disk, two for one whose commit does (one group waits for its flush, or a lock, while the next one
 * goes).
 *
 * @param <I> what one request brings
 * @param <O> what it gets back
 */
public final class Grouped<I, O> extends ServiceSupport {

    /** The work for one group, on one connection; one result per input, in input order. */
    @FunctionalInterface
    public interface Work<I, O> {
        List<O> run(Connection connection, List<I> inputs) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Grouped.class);
    /** More inputs than this are left to the next group, which keeps a group's statement short. */
    private static final int MAX_GROUP = 64;

    private final String name;
    private final DataSource dataSource;
    private final int workerCount;
    private final Work<I, O> work;
    private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    /** Work of one statement whose commit waits for the disk: two groups may be in flight. */
    public static <I, O> Grouped<I, O> durableStatement(String name, DataSource dataSource, Work<I, O> work) {
        return new Grouped<>(name, dataSource, 2, work);
    }

    /** Work of one statement, which commits by itself: no transaction to open and commit around it. */
    public static <I, O> Grouped<I, O> statement(String name, DataSource dataSource, Work<I, O> work) {
        return new Grouped<>(name, dataSource, 1, work);
    }

    private Grouped(String name, DataSource dataSource, int workerCount, Work<I, O> work) {
        this.name = name;
        this.dataSource = dataSource;
        this.workerCount = workerCount;
        this.work = work;
    }

    /** Blocks until the group this input joined has run and committed. */
    public O call(I input) throws SQLException {
        Pending<I, O> pending = new Pending<>(input);
        queue.add(pending);
        if (!running) {
            // stopped meanwhile: whatever the workers left behind is failed here
            failQueued();
        }
        return pending.await();
    }

    @Override
    protected void doStart() {
        running = true;
        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(this::runGroups, "tradehook-" + name + "-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /** Runs after the routes stopped: the groups in flight finish, anything left is failed. */
    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(5));
        }
        workers.clear();
        failQueued();
    }

    private void runGroups() {
        List<Pending<I, O>> group = new ArrayList<>(MAX_GROUP);
        while (running) {
            try {
                Pending<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                runGroup(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Grouped database work {} failed unexpectedly", name, e);
                group.forEach(p -> p.failed(e));
            } finally {
                group.clear();
            }
        }
    }

    private void runGroup(List<Pending<I, O>> group) {
        try {
            List<O> results = run(group.stream().map(Pending::input).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done(results.get(i));
            }
        } catch (SQLException e) {
            if (group.size() == 1 || connectionFailed(e)) {
                group.forEach(p -> p.failed(e));
                return;
            }
            for (Pending<I, O> alone : group) {
                try {
                    alone.done(run(List.of(alone.input())).get(0));
                } catch (SQLException | RuntimeException failure) {
                    alone.failed(failure);
                }
            }
        }
    }

    private List<O> run(List<I> inputs) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c, inputs);
        }
    }

    /** No connection (database down, pool exhausted): trying each input alone would only wait longer. */
    private static boolean connectionFailed(SQLException e) {
        return e instanceof SQLTransientConnectionException || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
    }

    private void failQueued() {
        SQLException stopped = new SQLException("the gateway is stopping: not written", "57P01");
        for (Pending<I, O> left; (left = queue.poll()) != null; ) {
            left.failed(stopped);
        }
    }

    /** One caller's input and the caller waiting for its result. */
    private record Pending<I, O>(I input, CompletableFuture<O> result) {

        Pending(I input) {
            this(input, new CompletableFuture<>());
        }

        void done(O output) {
            result.complete(output);
        }

        void failed(Exception e) {
            result.completeExceptionally(e);
        }

        O await() throws SQLException {
            try {
                return result.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the database", "57014", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException failure) {
                    throw failure;
                }
                throw new SQLException("not written: " + e.getCause().getMessage(), "XX000", e.getCause());
            }
        }
    }
}
