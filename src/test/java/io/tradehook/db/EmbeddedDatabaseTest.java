package io.tradehook.db;

import static io.tradehook.support.EnvelopeAssertions.assertOk;
import static io.tradehook.support.OrderJson.cancel;
import static io.tradehook.support.OrderJson.limitOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.tradehook.keys.CreatedKey;
import io.tradehook.keys.KeyIssuer;
import io.tradehook.keys.KeyRepository;
import io.tradehook.support.EmbeddedGateway;
import io.tradehook.support.Sql;
import io.tradehook.users.PasswordHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded mode (no {@code tradehook.db.url}): a real PostgreSQL on a data directory that survives restarts,
 * seeded once with the demo user {@code demo} / {@code demo}, account {@code demo} and an active subscription.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void first_start_seeds_the_demo_user_with_its_account_and_subscription() throws Exception {
        try (EmbeddedGateway gateway = EmbeddedGateway.start(dataDir)) {
            Sql sql = gateway.sql();

            String passwordHash = sql.string("select password_hash from app_user where login = 'demo'");
            assertThat(PasswordHasher.matches("demo", passwordHash)).isTrue();
            assertThat(passwordHash).doesNotContain("demo");
            assertThat(sql.string("select u.login from trading_account a join app_user u on u.id = a.user_id "
                    + "where a.name = 'demo'")).isEqualTo("demo");
            assertThat(activeSubscriptions(sql)).isEqualTo(1);

            CreatedKey key = demoKey(gateway);
            assertOk(gateway.http().postJson(path(key), limitOrder("demo").json()));
        }
    }

    @Test
    void data_survives_a_restart_and_the_key_still_works() throws Exception {
        CreatedKey key;
        String orderId;
        try (EmbeddedGateway gateway = EmbeddedGateway.start(dataDir)) {
            key = demoKey(gateway);
            orderId = assertOk(gateway.http().postJson(path(key), limitOrder("demo").json())).path("orderId").asText();
        }

        try (EmbeddedGateway restarted = EmbeddedGateway.start(dataDir)) {
            assertThat(restarted.sql().string("select status from paper_order where id = ?", Long.parseLong(orderId)))
                    .isEqualTo("working");
            assertOk(restarted.http().postJson(path(key), cancel("demo", orderId).json()));
            assertThat(restarted.sql().string("select status from paper_order where id = ?", Long.parseLong(orderId)))
                    .isEqualTo("cancelled");
        }
    }

    @Test
    void commits_are_flushed_to_disk_before_an_order_is_acknowledged() {
        try (EmbeddedGateway gateway = EmbeddedGateway.start(dataDir)) {
            // the embedded library's defaults (fsync off, asynchronous commit) would lose acknowledged orders in a crash
            assertThat(gateway.sql().string("select current_setting('fsync')")).isEqualTo("on");
            assertThat(gateway.sql().string("select current_setting('synchronous_commit')")).isEqualTo("on");
        }
    }

    @Test
    void seeding_again_on_restart_adds_nothing() {
        String firstHash;
        try (EmbeddedGateway gateway = EmbeddedGateway.start(dataDir)) {
            firstHash = gateway.sql().string("select password_hash from app_user where login = 'demo'");
        }

        try (EmbeddedGateway restarted = EmbeddedGateway.start(dataDir)) {
            Sql sql = restarted.sql();
            assertThat(sql.number("select count(*) from app_user")).isEqualTo(1);
            assertThat(sql.number("select count(*) from trading_account")).isEqualTo(1);
            assertThat(sql.number("select count(*) from product_subscription")).isEqualTo(1);
            assertThat(activeSubscriptions(sql)).isEqualTo(1);
            assertThat(sql.string("select password_hash from app_user where login = 'demo'")).isEqualTo(firstHash);
        }
    }

    @Test
    void the_embedded_postgres_asks_for_a_password_kept_private_and_trusts_no_one() throws Exception {
        int port;
        try (EmbeddedGateway gateway = EmbeddedGateway.start(dataDir)) {
            port = Integer.parseInt(gateway.sql().string("show port"));
            assertThat(gateway.sql().string("show unix_socket_directories")).isEqualTo(dataDir.toAbsolutePath().toString());
            assertThat(gateway.sql().string("show unix_socket_permissions")).isEqualTo("0700");

            String url = "jdbc:postgresql://localhost:" + port + "/postgres";
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "guess"))
                    .hasMessageContaining("password authentication failed");
            String password = Files.readString(dataDir.resolve("tradehook-password")).strip();
            try (Connection c = DriverManager.getConnection(url, "postgres", password)) {
                assertThat(c.isValid(1)).isTrue();
            }
            assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).doesNotContain("trust");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("tradehook-password"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    Path.of(System.getProperty("user.home"), ".tradehook", "pg-binaries")))).isEqualTo("rwx------");
        }

        // a restart keeps the password, and the server still refuses a connection without it
        try (EmbeddedGateway restarted = EmbeddedGateway.start(dataDir)) {
            String url = "jdbc:postgresql://localhost:" + restarted.sql().string("show port") + "/postgres";
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "guess"))
                    .hasMessageContaining("password authentication failed");
            assertThat(restarted.sql().number("select count(*) from app_user where login = 'demo'")).isEqualTo(1);
        }
    }

    private static long activeSubscriptions(Sql sql) {
        return sql.number("""
                select count(*) from product_subscription s join app_user u on u.id = s.user_id
                 where u.login = 'demo' and s.product = 'TRADING_WEBHOOKS'
                   and s.starts_at <= now() and (s.ends_at is null or s.ends_at > now())""");
    }

    private static CreatedKey demoKey(EmbeddedGateway gateway) throws SQLException {
        long demoId = gateway.sql().number("select id from app_user where login = 'demo'");
        return new KeyIssuer(new KeyRepository(gateway.dataSource()), "http://localhost:" + gateway.port())
                .create(demoId, "", null);
    }

    private static String path(CreatedKey key) {
        return "/webhook/" + key.apiKey() + "/" + key.secretKey();
    }
}
