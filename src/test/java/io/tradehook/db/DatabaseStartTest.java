package io.tradehook.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.tradehook.common.Settings;
import io.tradehook.support.EmbeddedGateway;
import io.tradehook.support.GatewayInstance;
import io.tradehook.support.Sql;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database opens in the background while Camel starts: first use waits for it (server, migrations, demo seed),
 * the embedded server begun by {@code main} is the one used when it is the configured one, and a database that
 * cannot be opened fails start-up with a message that says why.
 */
class DatabaseStartTest {

    @TempDir
    Path dir;

    @Test
    void first_use_waits_until_the_database_is_started_migrated_and_seeded() {
        try (Database database = Database.open(embeddedSettings(dir.resolve("pgdata")))) {
            // no wait before this query: it would fail without a pool, without the schema or without the seed
            assertThat(new Sql(database.dataSource()).string("select login from app_user")).isEqualTo("demo");
            assertThat(new Sql(database.asynchronousCommitDataSource()).string("select current_setting('synchronous_commit')"))
                    .isEqualTo("off");
            // TE's attempts must be on disk before the order leaves
            assertThat(new Sql(database.groupedWriteDataSource()).string("select current_setting('synchronous_commit')"))
                    .isEqualTo("on");
        }
    }

    /**
     * The grouped statements join a group's rows to a table on its primary key. On a fresh database a generic plan
     * for that hashes the group and scans the table (it is small when planned), and kept scanning it as it grew.
     */
    @Test
    void grouped_statements_look_rows_up_by_primary_key_even_when_planned_on_empty_tables() throws SQLException {
        try (Database database = Database.open(embeddedSettings(dir.resolve("pgdata")))) {
            assertThat(genericPlanOfAnswerUpdate(database.dataSource())).contains("Seq Scan on webhook_idempotency");
            assertThat(genericPlanOfHoldLookup(database.dataSource())).contains("Seq Scan on te_order_attempt");
            List<DataSource> groupedPools = List.of(database.groupCommitDataSource(),
                    database.asynchronousCommitDataSource(), database.groupedWriteDataSource());
            for (DataSource grouped : groupedPools) {
                assertThat(genericPlanOfAnswerUpdate(grouped))
                        .contains("Index Scan using webhook_idempotency_pkey").doesNotContain("Seq Scan");
                // each group row's own index lookup: not the table's recent rows, scanned once and filtered per row
                assertThat(genericPlanOfHoldLookup(grouped))
                        .contains("Index Scan using te_order_attempt_fingerprint", "Index Cond: ((fingerprint = o.fingerprint)")
                        .doesNotContain("Bitmap", "Materialize", "Seq Scan");
            }
        }
    }

    /**
     * A foreign key costs a look-up and a lock of its parent row per inserted row: on the tables every place writes,
     * that was about a fifth of PostgreSQL's CPU per place ({@code V8__hot_path_without_foreign_keys.sql}).
     */
    @Test
    void the_rows_every_place_writes_check_no_foreign_key_on_insert() {
        try (Database database = Database.open(embeddedSettings(dir.resolve("pgdata")))) {
            Sql sql = new Sql(database.dataSource());
            assertThat(sql.string("""
                    select count(*) from pg_constraint where contype = 'f'
                       and conrelid in ('webhook_request'::regclass, 'webhook_idempotency'::regclass,
                                        'paper_order'::regclass)""")).isEqualTo("0");
            assertThat(sql.string("select count(*) from pg_indexes where tablename = 'paper_order'")).isEqualTo("1");
        }
    }

    private static String genericPlanOfAnswerUpdate(DataSource dataSource) throws SQLException {
        return genericPlan(dataSource, "answer_update", """
                prepare answer_update(bigint[], text[]) as update webhook_idempotency i set status = 200
                  from unnest($1, $2) as t(key_id, fingerprint)
                 where i.key_id = t.key_id and i.fingerprint = t.fingerprint""", "'{1}', '{x}'");
    }

    /** The shape of TE's attempt insert: a group's rows, each kept unless a recent attempt has its fingerprint. */
    private static String genericPlanOfHoldLookup(DataSource dataSource) throws SQLException {
        return genericPlan(dataSource, "hold_lookup", """
                prepare hold_lookup(bytea[]) as select o.fingerprint from unnest($1) as o(fingerprint)
                 where not exists (select 1 from te_order_attempt a
                                    where a.fingerprint = o.fingerprint and a.created_at > now() - interval '1 minute'
                                      and (a.outcome = 'unknown' or a.created_at < now() - interval '2 seconds'))""",
                "'{}'");
    }

    private static String genericPlan(DataSource dataSource, String name, String prepare, String arguments)
            throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("set plan_cache_mode = force_generic_plan");
            s.execute(prepare);
            try (ResultSet lines = s.executeQuery("explain execute " + name + "(" + arguments + ")")) {
                while (lines.next()) {
                    plan.append(lines.getString(1)).append('\n');
                }
            } finally {
                s.execute("deallocate " + name);
            }
        }
        return plan.toString();
    }

    @Test
    void the_server_begun_by_main_is_used_when_it_is_the_configured_one() throws Exception {
        Settings settings = embeddedSettings(dir.resolve("pgdata"));
        Optional<EmbeddedPostgresStart> begun = EmbeddedPostgresStart.begin(settings);
        assertThat(begun).isPresent();
        try (Database database = Database.open(settings, begun)) {
            database.awaitOpen();
            assertThat(dataDirectory(database)).isEqualTo(dir.resolve("pgdata").toRealPath());
            // the begun server is the one the pool uses, so this is the same instance (no second postmaster)
            assertThat(begun.get().await().jdbcUrl())
                    .isEqualTo(database.dataSource().unwrap(HikariDataSource.class).getJdbcUrl());
        }
    }

    @Test
    void a_server_begun_for_another_data_directory_is_stopped_and_the_configured_one_used() throws IOException {
        Path other = dir.resolve("other");
        Optional<EmbeddedPostgresStart> begun = EmbeddedPostgresStart.begin(embeddedSettings(other));
        try (Database database = Database.open(embeddedSettings(dir.resolve("pgdata")), begun)) {
            database.awaitOpen();
            assertThat(dataDirectory(database)).isEqualTo(dir.resolve("pgdata").toRealPath());
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(other.resolve("PG_VERSION"))
                    && !Files.exists(other.resolve("postmaster.pid")));
        }
    }

    @Test
    void an_embedded_postgres_that_cannot_start_fails_start_up_and_says_why() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "a file where the data directory should be");

        assertThatThrownBy(() -> EmbeddedGateway.start(notADirectory))
                .hasStackTraceContaining("the database could not be opened: cannot start embedded PostgreSQL in "
                        + notADirectory);
    }

    @Test
    void an_external_database_that_cannot_be_reached_fails_start_up_and_says_why() {
        GatewayInstance gateway = new GatewayInstance("jdbc:postgresql://localhost:" + closedPort() + "/tradehook",
                Map.of());

        assertThatThrownBy(gateway::start).hasStackTraceContaining("the database could not be opened");
        gateway.close();
    }

    @Test
    void without_a_database_url_the_gateway_refuses_to_start_unless_told_to_start_an_embedded_one() {
        // the jar's and the image's defaults: no URL, tradehook.db.embedded unset
        GatewayInstance gateway = new GatewayInstance("", Map.of("tradehook.db.data-dir", dir.resolve("pgdata").toString()));

        assertThatThrownBy(gateway::start).hasStackTraceContaining("the database could not be opened: "
                + "no database configured: set tradehook.db.url (TRADEHOOK_DB_URL)");
        gateway.close();
        assertThat(dir.resolve("pgdata")).doesNotExist();
    }

    @Test
    void an_embedded_database_gets_the_demo_user_only_when_asked_for() throws Exception {
        Properties withoutDemo = new Properties();
        withoutDemo.put("tradehook.db.demo-user", "false");
        try (Database database = Database.open(embeddedSettings(dir.resolve("pgdata"), withoutDemo))) {
            database.awaitOpen();
            assertThat(new Sql(database.dataSource()).number("select count(*) from app_user")).isZero();
        }
    }

    private static Path dataDirectory(Database database) throws IOException {
        return Path.of(new Sql(database.dataSource()).string("show data_directory")).toRealPath();
    }

    private static Settings embeddedSettings(Path dataDir) {
        return embeddedSettings(dataDir, new Properties());
    }

    private static Settings embeddedSettings(Path dataDir, Properties more) {
        Properties properties = new Properties();
        properties.put("tradehook.db.url", "");
        properties.put("tradehook.db.data-dir", dataDir.toString());
        properties.put("tradehook.db.embedded", "true");
        properties.put("tradehook.db.demo-user", "true");
        properties.putAll(more);
        PropertiesComponent component = new DefaultCamelContext().getPropertiesComponent();
        component.setLocation("classpath:application.properties");
        component.setOverrideProperties(properties);
        return new Settings(component);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
