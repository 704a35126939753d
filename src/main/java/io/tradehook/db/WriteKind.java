package io.tradehook.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A kind of write for a {@link GroupCommit}: one statement that takes all the rows of a group at once, each column
 * an array parameter ({@code unnest(?::bigint[], ?::text[]) as t(key_id, fingerprint)}), and how a row of type
 * {@code R} gives each column's value. The columns are checked against the statement's array parameters when the
 * kind is made.
 *
 * @param <R> one write's values
 */
public final class WriteKind<R> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z_]*");
    private static final Pattern ARRAY_PARAMETER = Pattern.compile("\\?::(\\w+)\\[]");

    private final String name;
    private final String sql;
    private final List<Column<R>> columns;
    private final Comparator<? super R> lockOrder;

    private WriteKind(String name, String sql, Comparator<? super R> lockOrder, List<Column<R>> columns) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a write kind's name is a lower-case SQL name: " + name);
        }
        List<String> parameters = ARRAY_PARAMETER.matcher(sql).results().map(m -> m.group(1)).toList();
        List<String> types = columns.stream().map(Column::type).toList();
        if (!parameters.equals(types) || sql.chars().filter(ch -> ch == '?').count() != types.size()) {
            throw new IllegalArgumentException(name + ": the statement's array parameters " + parameters
                    + " are not its columns " + types);
        }
        this.name = name;
        this.sql = sql;
        this.columns = columns;
        this.lockOrder = lockOrder;
    }

    /** Writes that lock no existing row (inserts): their rows go in any order. */
    @SafeVarargs
    public static <R> WriteKind<R> of(String name, String sql, Column<R>... columns) {
        return new WriteKind<>(name, sql, null, List.of(columns));
    }

    /**
     * Writes that lock existing rows (updates, deletes): a group's rows go in {@code lockOrder}, so that concurrent
     * groups lock them in the same order and never wait on each other in a cycle. A row that several writes of one
     * group name is changed once, by one of them (PostgreSQL's {@code update ... from}): such writes must be
     * interchangeable, as stamps of the same time are.
     */
    @SafeVarargs
    public static <R> WriteKind<R> locking(String name, Comparator<? super R> lockOrder, String sql, Column<R>... columns) {
        return new WriteKind<>(name, sql, lockOrder, List.of(columns));
    }

    public Write write(R row) {
        return new Write(this, row);
    }

    /** Also the statement's name in the group's statement, and its place there: kinds go in name order. */
    String name() {
        return name;
    }

    String sql() {
        return sql;
    }

    /** The rows' values, one array per column, in lock order where that matters. */
    @SuppressWarnings("unchecked")
    List<Array> arrays(Connection c, List<Object> rows) throws SQLException {
        List<R> typed = (List<R>) (List<?>) rows;
        if (lockOrder != null) {
            typed.sort(lockOrder);
        }
        Array[] arrays = new Array[columns.size()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = columns.get(i).array(c, typed);
        }
        return List.of(arrays);
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * One column: its PostgreSQL array parameter type and its value in a row; values may be null. A timestamp goes
     * as ISO-8601 text, which PostgreSQL reads exactly to the microsecond whatever the session's time zone. Type
     * names are those pgjdbc knows without asking the server ({@code integer}, not {@code int}, which would cost a
     * type lookup round trip on every array).
     */
    public record Column<R>(String type, Function<? super R, ?> value) {

        public static <R> Column<R> bigint(Function<? super R, Long> value) {
            return new Column<>("bigint", value);
        }

        public static <R> Column<R> integer(Function<? super R, Integer> value) {
            return new Column<>("integer", value);
        }

        public static <R> Column<R> text(Function<? super R, String> value) {
            return new Column<>("text", value);
        }

        public static <R> Column<R> bytea(Function<? super R, byte[]> value) {
            return new Column<>("bytea", value);
        }

        public static <R> Column<R> timestamptz(Function<? super R, Instant> value) {
            return new Column<>("timestamptz", row -> {
                Instant at = value.apply(row);
                return at == null ? null : at.toString();
            });
        }

        private Array array(Connection c, List<R> rows) throws SQLException {
            // pgjdbc encodes by the Java array's class: byte[][] as bytea[], boxed numbers and strings as text
            Object[] values = switch (type) {
                case "bigint" -> new Long[rows.size()];
                case "integer" -> new Integer[rows.size()];
                case "bytea" -> new byte[rows.size()][];
                default -> new String[rows.size()];
            };
            for (int i = 0; i < values.length; i++) {
                values[i] = value.apply(rows.get(i));
            }
            return c.createArrayOf(type, values);
        }
    }
}
