package io.tradehook.db;

import static io.tradehook.db.WriteKind.Column.bigint;
import static io.tradehook.db.WriteKind.Column.bytea;
import static io.tradehook.db.WriteKind.Column.integer;
import static io.tradehook.db.WriteKind.Column.text;
import static io.tradehook.db.WriteKind.Column.timestamptz;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.tradehook.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The group commit against a real PostgreSQL: the writes of several requests, of several kinds, go as one
 * statement; a write the database refuses fails only its own request; every column type round-trips exactly.
 */
class GroupCommitTest {

    private static final WriteKind<Sample> SAMPLE = WriteKind.of("sample_insert", """
            insert into sample (id, n, label, bytes, at)
            select * from unnest(?::bigint[], ?::integer[], ?::text[], ?::bytea[], ?::timestamptz[])""",
            bigint(Sample::id), integer(Sample::n), text(Sample::label), bytea(Sample::bytes), timestamptz(Sample::at));
    private static final WriteKind<Long> TOUCH = WriteKind.locking("counter_touch", Comparator.<Long>naturalOrder(), """
            update counter c set touched = touched + 1 from unnest(?::bigint[]) as t(id) where c.id = t.id""",
            bigint(id -> id));
    /** Holds the group workers: its table is locked by the test while the requests under test queue up. */
    private static final WriteKind<Long> GATE = WriteKind.of("gate_insert", """
            insert into gate select * from unnest(?::bigint[])""", bigint(id -> id));

    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final AtomicInteger transactionChecks = new AtomicInteger();
    private GroupCommit groupCommit;

    /** A precondition the test's check lets hold or fail. */
    record Allowed(boolean allowed) implements Precondition {
    }

    record Sample(long id, Integer n, String label, byte[] bytes, Instant at) {

        static Sample of(long id) {
            return new Sample(id, (int) id, "label " + id, new byte[] {(byte) id}, Instant.parse("2026-11-24T04:00:00Z"));
        }
    }

    @BeforeEach
    void start() throws Exception {
        dataSource.setURL(TestPostgres.newDatabase());
        dataSource.setUser("postgres");
        execute("""
                create table sample (id bigint primary key, n int check (n >= 0), label text, bytes bytea, at timestamptz);
                create table counter (id bigint primary key, touched int not null default 0);
                insert into counter select generate_series(1, 3);
                create table gate (id bigint);
                create table checked (n int)""");
        // the check writes too, as the admission it stands for does: its rows commit with the group's writes. It is
        // asked first inside the writes' statement (which fails unless all hold), then in a transaction of its own
        execute(Files.readString(Path.of("src/main/resources/db/migration/V7__one_statement_admission.sql")));
        groupCommit = new GroupCommit(dataSource, new Precondition.Check() {
            @Override
            public List<Boolean> holds(Connection c, List<Precondition> preconditions) throws SQLException {
                transactionChecks.incrementAndGet();
                try (Statement s = c.createStatement()) {
                    s.execute("insert into checked select generate_series(1, " + preconditions.size() + ")");
                }
                return preconditions.stream().map(p -> ((Allowed) p).allowed()).toList();
            }

            @Override
            public Optional<Precondition.InStatement> inStatement(List<Precondition> preconditions) {
                return Optional.of(new Precondition.InStatement() {
                    @Override
                    public String withQueries() {
                        return """
                                checked_rows as (insert into checked select generate_series(1, ?) returning n),
                                verdict as (select ?::boolean as all_held)""";
                    }

                    @Override
                    public String result() {
                        return """
                                select case when (select all_held from verdict) and (select count(*) from checked_rows) > 0
                                            then 1 else tradehook_not_all_admitted() end""";
                    }

                    @Override
                    public int bind(Connection c, PreparedStatement statement, int index) throws SQLException {
                        statement.setInt(index, preconditions.size());
                        statement.setBoolean(index + 1, preconditions.stream().allMatch(p -> ((Allowed) p).allowed()));
                        return index + 2;
                    }
                });
            }
        });
        groupCommit.start();
    }

    @AfterEach
    void stop() {
        groupCommit.stop();
    }

    @Test
    void the_mixed_writes_of_requests_that_wait_together_land_completely_in_one_statement() throws Exception {
        // each request: two samples and two touches of counter rows, one of them the same row as everyone's
        List<String> outcomes = whileGroupsAreHeld(20, i -> List.of(SAMPLE.write(Sample.of(2L * i)),
                TOUCH.write(1L), SAMPLE.write(Sample.of(2L * i + 1)), TOUCH.write(2L + i % 2)));

        assertThat(outcomes).containsOnly("committed");
        assertThat(number("select count(*) from sample")).isEqualTo(40);
        assertThat(number("select count(*) from sample where label = 'label ' || id and n = id")).isEqualTo(40);
        // one statement is one transaction: the rows of requests that queued together carry one transaction id
        assertThat(number("select count(distinct xmin::text) from sample")).isEqualTo(1L);
        // every row named was updated; a row that several writes of one statement update is updated once
        assertThat(number("select count(*) from counter where touched between 1 and 2")).isEqualTo(3);
    }

    @Test
    void a_write_the_database_refuses_fails_only_its_request_and_the_others_in_its_group_commit() throws Exception {
        // request 7's second sample breaks the check on n; its first sample must not land either
        List<String> outcomes = whileGroupsAreHeld(12, i -> List.of(SAMPLE.write(Sample.of(2L * i)),
                i == 7 ? SAMPLE.write(new Sample(15, -1, null, null, null)) : SAMPLE.write(Sample.of(2L * i + 1)),
                TOUCH.write(1L)));

        assertThat(outcomes.get(7)).startsWith("failed:").contains("sample_n_check");
        assertThat(outcomes).filteredOn(o -> o.startsWith("failed")).hasSize(1);
        assertThat(number("select count(*) from sample")).isEqualTo(22);
        assertThat(number("select count(*) from sample where id in (14, 15)")).isZero();
    }

    @Test
    void a_request_whose_precondition_fails_writes_nothing_and_the_rest_of_its_group_commits_with_the_check()
            throws Exception {
        // even requests have a precondition, which every fourth one fails; odd ones have none
        List<String> outcomes = whileGroupsAreHeld(12, i -> List.of(SAMPLE.write(Sample.of(i)), TOUCH.write(2L)),
                i -> i % 2 == 1 ? null : new Allowed(i % 4 != 0));

        assertThat(outcomes).containsExactly("not made", "committed", "committed", "committed", "not made",
                "committed", "committed", "committed", "not made", "committed", "committed", "committed");
        assertThat(number("select count(*) from sample")).isEqualTo(9);
        assertThat(number("select count(*) from sample where id % 4 = 0")).isZero();
        // one check for the group's six preconditions, in the transaction of the writes
        assertThat(number("select count(*) from checked")).isEqualTo(6);
        assertThat(transactionsOfSamplesAndChecks()).isEqualTo(1);
        // the statement that tried the preconditions with the writes was undone; the transaction decided them
        assertThat(transactionChecks).hasValue(1);
    }

    @Test
    void a_group_whose_preconditions_all_hold_is_decided_and_written_in_one_statement() throws Exception {
        List<String> outcomes = whileGroupsAreHeld(8, i -> List.of(SAMPLE.write(Sample.of(i)), TOUCH.write(2L)),
                i -> i % 2 == 1 ? null : new Allowed(true));

        assertThat(outcomes).containsOnly("committed");
        assertThat(number("select count(*) from sample")).isEqualTo(8);
        assertThat(number("select count(*) from checked")).isEqualTo(4);
        assertThat(transactionsOfSamplesAndChecks()).isEqualTo(1);
        assertThat(transactionChecks).hasValue(0);
    }

    @Test
    void nulls_bytes_timestamps_and_awkward_text_round_trip_exactly() throws Exception {
        byte[] allBytes = new byte[256];
        for (int b = 0; b < allBytes.length; b++) {
            allBytes[b] = (byte) b;
        }
        List<Sample> samples = List.of(
                new Sample(Long.MAX_VALUE, Integer.MAX_VALUE, "NULL", allBytes, Instant.parse("2026-11-24T04:37:03.123456Z")),
                new Sample(Long.MIN_VALUE, 0, "\"quoted\", {braced}, back\\slash\nnew line, ünïcødé €", new byte[0],
                        Instant.parse("1970-01-01T00:00:00Z")),
                new Sample(3, null, null, null, null),
                new Sample(4, 4, "", new byte[] {0, '"', '\\', '{', ','}, Instant.parse("2999-12-31T23:59:59.999999Z")));

        groupCommit.commit(samples.stream().map(SAMPLE::write).toList());

        List<Sample> read = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id, n, label, bytes, at from sample")) {
            while (rs.next()) {
                OffsetDateTime at = rs.getObject(5, OffsetDateTime.class);
                read.add(new Sample(rs.getLong(1), rs.getObject(2, Integer.class), rs.getString(3), rs.getBytes(4),
                        at == null ? null : at.toInstant()));
            }
        }
        assertThat(read).usingRecursiveFieldByFieldElementComparator().containsExactlyInAnyOrderElementsOf(samples);
    }

    @Test
    void a_kind_whose_columns_are_not_its_statement_parameters_is_refused_when_made() {
        assertThatThrownBy(() -> WriteKind.of("mismatched", "insert into gate select * from unnest(?::text[])",
                bigint((Long id) -> id)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[text]").hasMessageContaining("[bigint]");
    }

    /**
     * Runs n requests' commits while the group runner is held on the locked gate table, so that they queue and
     * go together once it opens; answers each request's outcome.
     */
    private List<String> whileGroupsAreHeld(int n, IntFunction<List<Write>> writesOf) throws Exception {
        return whileGroupsAreHeld(n, writesOf, i -> null);
    }

    private List<String> whileGroupsAreHeld(int n, IntFunction<List<Write>> writesOf,
                                            IntFunction<Precondition> preconditionOf) throws Exception {
        List<Thread> requests = new ArrayList<>();
        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        CompletableFuture<String> held;
        try (Connection lock = dataSource.getConnection(); Statement s = lock.createStatement()) {
            lock.setAutoCommit(false);
            s.execute("lock table gate in exclusive mode");
            // a gate write in a group of its own holds the one group that runs; the requests queue behind it
            held = commitInThread(List.of(GATE.write(1L)), null, new ArrayList<>());
            await().atMost(Duration.ofSeconds(10)).until(() -> number("""
                    select count(*) from pg_stat_activity
                     where datname = current_database() and wait_event_type = 'Lock'""") == 1);
            IntStream.range(0, n).forEach(i -> outcomes.add(commitInThread(writesOf.apply(i), preconditionOf.apply(i),
                    requests)));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> requests.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
            lock.commit();
        }
        assertThat(held.join()).isEqualTo("committed");
        return outcomes.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<String> commitInThread(List<Write> writes, Precondition precondition,
                                                     List<Thread> threads) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                if (precondition == null) {
                    groupCommit.commit(writes);
                    outcome.complete("committed");
                } else {
                    outcome.complete(groupCommit.commit(writes, precondition) ? "committed" : "not made");
                }
            } catch (SQLException e) {
                outcome.complete("failed: " + e.getMessage());
            }
        });
        threads.add(thread);
        thread.start();
        return outcome;
    }

    private long transactionsOfSamplesAndChecks() throws SQLException {
        return number("select count(distinct xmin::text) from (select xmin from sample union all select xmin from checked) x");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long number(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
