package io.tradehook.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import org.apache.camel.support.service.ServiceSupport;

/**
 * Runs the same database work for many concurrent requests at once: the inputs that arrive while a group is in
 * flight form the next group, which takes one round trip and one commit instead of one per request. A caller of
 * {@link #call} blocks until its own result is known. When a group fails, each of its inputs is tried again on
 * its own, so one bad input fails only the request it belongs to.
 *
 * <p>There are no worker threads: a caller that finds no group running runs the next group itself, its own input
 * included, and answers the others in it (flat combining). Handing work to a thread and back costs two wake-ups per
 * request, which on a virtual machine cost more than the statement. A group's work is one statement, which commits
 * by itself, and one group runs at a time: a PostgreSQL statement costs far more than its rows, so the requests that
 * arrive while one group waits for its commit (the disk, for the group commit) are worth more as one bigger group
 * than as a second statement beside it.
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

    /** More inputs than this are left to the next group, which keeps a group's statement short. */
    private static final int MAX_GROUP = 64;

    private final DataSource dataSource;
    private final Work<I, O> work;
    private final Semaphore runnerPlace = new Semaphore(1);
    private final Queue<Pending<I, O>> queue = new ConcurrentLinkedQueue<>();
    private volatile boolean running;

    /** Work of one statement, which commits by itself: no transaction to open and commit around it. */
    public static <I, O> Grouped<I, O> statement(DataSource dataSource, Work<I, O> work) {
        return new Grouped<>(dataSource, work);
    }

    private Grouped(DataSource dataSource, Work<I, O> work) {
        this.dataSource = dataSource;
        this.work = work;
    }

    /** Blocks until the group this input joined has run and committed. */
    public O call(I input) throws SQLException {
        Pending<I, O> mine = new Pending<>(input);
        queue.add(mine);
        while (!mine.isDone()) {
            if (!running) {
                failQueued();
            } else if (!mine.isTaken() && runnerPlace.tryAcquire()) {
                try {
                    runNextGroup();
                } finally {
                    runnerPlace.release();
                }
                // inputs queued while this group ran may have found no place free: their callers are parked
                Pending<I, O> next = queue.peek();
                if (next != null) {
                    next.nudge();
                }
            } else {
                mine.park();
            }
        }
        return mine.result();
    }

    @Override
    protected void doStart() {
        running = true;
    }

    /** Runs after the routes stopped: the group in flight finishes, anything left is failed. */
    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        if (runnerPlace.tryAcquire(5, TimeUnit.SECONDS)) {
            runnerPlace.release();
        }
        failQueued();
    }

    private void runNextGroup() {
        List<Pending<I, O>> group = new ArrayList<>();
        for (Pending<I, O> next; group.size() < MAX_GROUP && (next = queue.poll()) != null; ) {
            next.taken();
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            List<O> results = run(group.stream().map(Pending::input).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done(results.get(i));
            }
        } catch (SQLException | RuntimeException e) {
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
    private static boolean connectionFailed(Exception e) {
        return e instanceof SQLTransientConnectionException
                || (e instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"));
    }

    private void failQueued() {
        SQLException stopped = new SQLException("the gateway is stopping: not written", "57P01");
        for (Pending<I, O> left; (left = queue.poll()) != null; ) {
            left.failed(stopped);
        }
    }

    /** One caller's input, its result once known, and the caller's thread, parked while it waits. */
    private static final class Pending<I, O> {

        private final I input;
        private final Thread caller = Thread.currentThread();
        private volatile boolean taken;
        private volatile boolean nudged;
        private volatile boolean done;
        private O output;
        private Exception failure;

        Pending(I input) {
            this.input = input;
        }

        I input() {
            return input;
        }

        /** In a group now: its result will come from whoever runs that group. */
        void taken() {
            taken = true;
        }

        boolean isTaken() {
            return taken;
        }

        boolean isDone() {
            return done;
        }

        void done(O result) {
            output = result;
            done = true;
            LockSupport.unpark(caller);
        }

        void failed(Exception e) {
            failure = e;
            done = true;
            LockSupport.unpark(caller);
        }

        /** The runner's place may be free: the caller looks again. */
        void nudge() {
            nudged = true;
            LockSupport.unpark(caller);
        }

        /** Until done or nudged; an interrupt gives up waiting. */
        void park() throws SQLException {
            while (!done && !nudged) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting for the database", "57014");
                }
            }
            nudged = false;
        }

        O result() throws SQLException {
            if (failure == null) {
                return output;
            }
            if (failure instanceof SQLException e) {
                throw e;
            }
            throw new SQLException("not written: " + failure.getMessage(), "XX000", failure);
        }
    }
}
