package io.tradehook.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.camel.support.service.ServiceSupport;

/**
 * Commits the writes of concurrent webhook requests together ({@link Grouped}): a group's writes go to PostgreSQL as
 * one statement, in one round trip, committed by itself with one WAL flush, instead of a transaction and a flush
 * per request. The statement has one data-modifying {@code with} query per kind of write present, in name order,
 * each taking all the group's rows of its kind as arrays; so there are few distinct statement texts, each built
 * once, and pgjdbc prepares each once per connection. Every group statement runs its kinds in that one order, and
 * each kind's rows in its lock order ({@link WriteKind#locking}), so concurrent groups take row locks in one order.
 * A caller of {@link #commit} returns once its writes are durable, or gets the failure; a statement is all or
 * nothing, so a failed group is tried again request by request ({@link Grouped}).
 *
 * <p>A request may make its writes depend on a {@link Precondition}. A group with any is first tried as the one
 * statement, with the preconditions decided inside it ({@link Precondition.InStatement}), which fails and is undone
 * unless all of them hold; it then runs as a transaction that decides them first (one more round trip) and makes the
 * writes of the requests whose precondition held.
 */
public final class GroupCommit extends ServiceSupport {

    private final Grouped<Request, Boolean> grouped;
    private final Precondition.Check check;
    /** The group statement of each combination of kinds, by the kinds' names in order. */
    private final Map<List<String>, String> statements = new ConcurrentHashMap<>();

    public GroupCommit(DataSource dataSource, Precondition.Check check) {
        this.grouped = Grouped.statement(dataSource, this::write);
        this.check = check;
    }

    /** Blocks until the writes are committed with the group they joined. */
    public void commit(List<Write> writes) throws SQLException {
        if (!writes.isEmpty()) {
            grouped.call(new Request(writes, null));
        }
    }

    /**
     * Blocks until the precondition is decided and, where it held, the writes are committed with it; false when it
     * did not hold, and nothing of this request was written.
     */
    public boolean commit(List<Write> writes, Precondition precondition) throws SQLException {
        return grouped.call(new Request(writes, precondition));
    }

    @Override
    protected void doStart() {
        grouped.start();
    }

    @Override
    protected void doStop() {
        grouped.stop();
    }

    private List<Boolean> write(Connection c, List<Request> group) throws SQLException {
        List<Precondition> preconditions = group.stream().map(Request::precondition).filter(Objects::nonNull).toList();
        List<Boolean> all = Collections.nCopies(group.size(), Boolean.TRUE);
        if (preconditions.isEmpty()) {
            execute(c, group, null);
            return all;
        }
        Optional<Precondition.InStatement> inStatement = check.inStatement(preconditions);
        if (inStatement.isPresent()) {
            try {
                execute(c, group, inStatement.get());
                return all;
            } catch (SQLException e) {
                if (!Precondition.NOT_ALL_HELD.equals(e.getSQLState())) {
                    throw e;
                }
                // undone: a precondition failed, so the group is decided first and then written
            }
        }
        return Transactions.inTransaction(c, tx -> {
            Iterator<Boolean> verdicts = check.holds(tx, preconditions).iterator();
            List<Boolean> made = new ArrayList<>(group.size());
            List<Request> going = new ArrayList<>(group.size());
            for (Request request : group) {
                boolean held = request.precondition() == null || verdicts.next();
                made.add(held);
                if (held) {
                    going.add(request);
                }
            }
            execute(tx, going, null);
            return made;
        });
    }

    /** The group's writes as one statement, after the {@code with} queries of its preconditions when given. */
    private void execute(Connection c, List<Request> requests, Precondition.InStatement preconditions)
            throws SQLException {
        SortedMap<String, KindRows> byKind = new TreeMap<>();
        for (Request request : requests) {
            for (Write write : request.writes()) {
                KindRows kindRows = byKind.computeIfAbsent(write.kind().name(), name -> new KindRows(write.kind()));
                if (kindRows.kind() != write.kind()) {
                    throw new IllegalStateException("two kinds of write are named " + write.kind().name());
                }
                kindRows.rows().add(write.row());
            }
        }
        if (byKind.isEmpty() && preconditions == null) {
            return;
        }
        List<String> names = new ArrayList<>(byKind.keySet());
        if (preconditions != null) {
            names.add(0, "(preconditions)");
        }
        String sql = statements.computeIfAbsent(names, n -> statement(preconditions, byKind.values()));
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            int parameter = preconditions == null ? 1 : preconditions.bind(c, statement, 1);
            for (KindRows kindRows : byKind.values()) {
                for (Array array : kindRows.kind().arrays(c, kindRows.rows())) {
                    statement.setArray(parameter++, array);
                }
            }
            statement.execute();
        }
    }

    /**
     * {@code with a as (...), b as (...) select 1}: PostgreSQL runs every data-modifying part to completion. The
     * preconditions' {@code with} queries go first, and their result replaces {@code select 1}.
     */
    private static String statement(Precondition.InStatement preconditions, Iterable<KindRows> kinds) {
        List<String> parts = new ArrayList<>();
        if (preconditions != null) {
            parts.add(preconditions.withQueries());
        }
        kinds.forEach(k -> parts.add(k.kind().name() + " as (\n" + k.kind().sql() + "\n)"));
        return parts.stream().collect(Collectors.joining(",\n", "with ",
                "\n" + (preconditions == null ? "select 1" : preconditions.result())));
    }

    /** One request's writes, and what must hold for them to be made (null: nothing). */
    private record Request(List<Write> writes, Precondition precondition) {
    }

    /** A group's rows of one kind. */
    private record KindRows(WriteKind<?> kind, List<Object> rows) {

        KindRows(WriteKind<?> kind) {
            this(kind, new ArrayList<>());
        }
    }
}
