package io.tradehook.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.concurrent.atomic.AtomicInteger;

import io.tradehook.support.Concurrently;
import io.tradehook.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Grouped database work against a real PostgreSQL: groups form, every caller gets its own result or failure. */
class GroupedTest {

    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final AtomicInteger groups = new AtomicInteger();
    private final Set<Thread> callers = ConcurrentHashMap.newKeySet();
    private final Set<Thread> runners = ConcurrentHashMap.newKeySet();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private Grouped<Integer, Integer> grouped;

    @BeforeEach
    void table() throws SQLException {
        dataSource.setURL(TestPostgres.newDatabase());
        dataSource.setUser("postgres");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table item (n int primary key check (n >= 0))");
        }
        // inserts the group's numbers in one statement and answers each with its square, computed by the database
        grouped = Grouped.statement(dataSource, (c, numbers) -> {
            groups.incrementAndGet();
            runners.add(Thread.currentThread());
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            Map<Integer, Integer> squares = new HashMap<>();
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into item select unnest(?::integer[]) returning n, n * n")) {
                insert.setArray(1, c.createArrayOf("integer", numbers.toArray()));
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        squares.put(rs.getInt(1), rs.getInt(2));
                    }
                }
            } finally {
                running.decrementAndGet();
            }
            return numbers.stream().map(squares::get).toList();
        });
        grouped.start();
    }

    @AfterEach
    void stop() {
        grouped.stop();
    }

    @Test
    void concurrent_callers_share_groups_and_each_gets_its_own_result() throws SQLException {
        List<Integer> squares = Concurrently.run(40, n -> call(n));

        assertThat(squares).containsExactlyElementsOf(IntStream.range(0, 40).map(n -> n * n).boxed().toList());
        assertThat(count("select count(*) from item")).isEqualTo(40);
        assertThat(groups.get()).isLessThan(40);
        // no thread of its own: callers ran the groups, one group at a time
        assertThat(callers).containsAll(runners);
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void a_failing_input_fails_only_its_own_caller_and_the_rest_of_its_group_commits() throws SQLException {
        // 13 breaks the table's check; it shares a group with others that must not go down with it
        List<String> outcomes = Concurrently.run(30, n -> {
            try {
                return "square " + grouped.call(n == 13 ? -13 : n);
            } catch (SQLException e) {
                return "failed: " + e.getMessage();
            }
        });

        assertThat(outcomes.get(13)).startsWith("failed:").contains("item_n_check");
        assertThat(outcomes).filteredOn(o -> o.startsWith("failed")).hasSize(1);
        assertThat(outcomes.get(12)).isEqualTo("square 144");
        assertThat(count("select count(*) from item")).isEqualTo(29);
    }

    @Test
    void after_stop_a_call_fails_instead_of_waiting_forever() {
        grouped.stop();

        assertThatThrownBy(() -> grouped.call(7)).isInstanceOf(SQLException.class).hasMessageContaining("stopping");
    }

    private int call(int n) {
        callers.add(Thread.currentThread());
        try {
            return grouped.call(n);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
