package io.tradehook.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

import io.tradehook.common.Settings;
import io.tradehook.users.UserRepository;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The operator commands, run against the gateway's database while it runs: a user made by them logs in, trades
 * through a key, and is refused once unsubscribed.
 */
class UserCommandsTest extends GatewayTestSupport {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        out.reset();
        err.reset();
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        Properties overrides = new Properties();
        overrides.put("tradehook.db.url", databaseUrl());
        overrides.put("tradehook.db.user", "postgres");
        context.getPropertiesComponent().setOverrideProperties(overrides);
        return UserCommands.run(args, Settings.of(context),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void a_user_created_by_the_commands_logs_in_and_trades_until_unsubscribed() throws Exception {
        assertThat(run("correct horse battery\n", "create-user", "--login", "alice", "--password-stdin")).isZero();
        assertThat(out.toString()).contains("created user alice").doesNotContain("correct horse");
        assertThat(run("", "add-account", "--login", "alice", "--account", "alice-main")).isZero();
        assertThat(run("", "subscribe", "--login", "alice")).isZero();

        assertThat(http.postJson("/api/session", "{\"login\":\"alice\",\"password\":\"correct horse battery\"}").status())
                .isEqualTo(200);
        long userId = new UserRepository(dataSource()).findUserId("alice").orElseThrow();
        String url = users.newKey(userId, null).webhookUrl();
        String place = "{\"action\":\"place\",\"accountName\":\"alice-main\",\"symbol\":\"ABC\",\"type\":\"Market\",\"qty\":1,\"side\":\"buy\"}";
        assertThat(http.postJson(url, place).status()).isEqualTo(200);

        // the commands change the database behind the gateway's back: its key cache hears of it by notification
        assertThat(run("", "unsubscribe", "--login", "alice")).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.postJson(url, place).status() == 403);
        assertThat(run("", "subscribe", "--login", "alice")).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.postJson(url, place).status() == 200);
    }

    @Test
    void create_user_with_a_password_option_and_refusals() {
        assertThat(run("", "create-user", "--login", "bob", "--password", "long-enough")).isZero();
        assertThat(run("", "create-user", "--login", "bob", "--password", "long-enough")).isEqualTo(1);
        assertThat(err.toString()).contains("user bob already exists");
        assertThat(run("", "create-user", "--login", "carol", "--password", "short")).isEqualTo(2);
        assertThat(err.toString()).contains("at least 8 characters").doesNotContain("short");
        assertThat(run("", "create-user", "--login", "carol")).isEqualTo(2);
        assertThat(run("", "subscribe")).isEqualTo(2);
        assertThat(err.toString()).contains("usage:");
        assertThat(run("", "subscribe", "--login", "nobody")).isEqualTo(1);
        assertThat(err.toString()).contains("no user with login nobody");
    }

    @Test
    void an_account_of_another_user_cannot_be_taken() {
        Trader owner = users.subscribedTrader();
        assertThat(run("", "create-user", "--login", "dave", "--password", "long-enough")).isZero();

        assertThat(run("", "add-account", "--login", "dave", "--account", owner.account())).isEqualTo(1);
        assertThat(err.toString()).contains("belongs to another user");
    }
}
