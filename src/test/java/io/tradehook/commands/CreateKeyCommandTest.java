package io.tradehook.commands;

import static io.tradehook.support.EnvelopeAssertions.assertOk;
import static io.tradehook.support.OrderJson.limitOrder;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.tradehook.keys.KeyIssuer;
import io.tradehook.keys.KeyMaterial;
import io.tradehook.support.EmbeddedGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code create-key} run beside a gateway in embedded mode, as the README tells a new user to: it joins the
 * running PostgreSQL, prints the key once, and the printed webhook URL trades at once.
 */
class CreateKeyCommandTest {

    private static final Pattern LINE = Pattern.compile("^(Name|API key|Secret key|Webhook URL|Expires):\\s+(.+)$", Pattern.MULTILINE);

    @TempDir
    static Path dataDir;
    private static EmbeddedGateway gateway;

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {

        Map<String, String> fields() {
            Matcher m = LINE.matcher(out);
            return m.results().collect(Collectors.toMap(r -> r.group(1), r -> r.group(2).trim()));
        }
    }

    @BeforeAll
    static void startGateway() {
        gateway = EmbeddedGateway.start(dataDir);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Test
    void prints_name_api_key_secret_and_a_webhook_url_that_trades() {
        Run run = createKey("--login", "demo", "--name", "my-alerts");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        Map<String, String> printed = run.fields();
        String apiKey = printed.get("API key");
        String secret = printed.get("Secret key");
        assertThat(printed.get("Name")).isEqualTo("my-alerts");
        assertThat(printed.get("Expires")).isEqualTo("never");
        assertThat(printed.get("Webhook URL"))
                .isEqualTo("http://localhost:" + gateway.port() + "/webhook/" + apiKey + "/" + secret);
        assertThat(run.out().split(Pattern.quote(secret), -1)).as("the secret is printed in two lines only").hasSize(3);

        assertOk(gateway.http().postJson(printed.get("Webhook URL"), limitOrder("demo").json()));
    }

    @Test
    void only_a_hash_of_the_printed_secret_is_stored() {
        Map<String, String> printed = createKey("--login", "demo").fields();

        Map<String, Object> row = gateway.sql().rows("select k.*, k::text as whole from webhook_key k where api_key = ?",
                printed.get("API key")).get(0);

        assertThat((String) row.get("whole")).doesNotContain(printed.get("Secret key"));
        assertThat(HexFormat.of().formatHex((byte[]) row.get("secret_hash")))
                .isEqualTo(HexFormat.of().formatHex(KeyMaterial.hash(printed.get("Secret key"))));
    }

    @Test
    void a_key_without_a_name_gets_a_generated_one() {
        Run run = createKey("--login", "demo");

        assertThat(run.fields().get("Name")).matches("[a-z]+-[a-z]+-[0-9]{3}");
    }

    @Test
    void expiry_is_stored_and_printed() {
        Run run = createKey("--login", "demo", "--expires", "2099-01-31T00:00:00Z");

        assertThat(run.fields().get("Expires")).isEqualTo("2099-01-31T00:00:00Z");
        assertThat(gateway.sql().value("select expires_at from webhook_key where api_key = ?",
                run.fields().get("API key"))).hasToString("2099-01-31 00:00:00.0");
    }

    static Stream<List<String>> badArguments() {
        return Stream.of(
                List.of(),
                List.of("--login"),
                List.of("--name", "x"),
                List.of("login", "demo"),
                List.of("--login", "demo", "--colour", "red"),
                List.of("--login", "demo", "--name"),
                List.of("--login", "demo", "--name", "n".repeat(KeyIssuer.MAX_NAME_LENGTH + 1)),
                List.of("--login", "demo", "--expires", "tomorrow"),
                List.of("--login", "demo", "--expires", Instant.now().minusSeconds(60).toString()));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void bad_arguments_print_usage_and_exit_2(List<String> arguments) {
        long keysBefore = keyCount();

        Run run = createKey(arguments.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).containsAnyOf("usage: create-key", "--expires");
        assertThat(run.out()).isEmpty();
        assertThat(keyCount()).isEqualTo(keysBefore);
    }

    @Test
    void unknown_login_exits_1() {
        long keysBefore = keyCount();

        Run run = createKey("--login", "nobody-here");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no user with login");
        assertThat(run.out()).isEmpty();
        assertThat(keyCount()).isEqualTo(keysBefore);
    }

    private static long keyCount() {
        return gateway.sql().number("select count(*) from webhook_key");
    }

    private static Run createKey(String... options) {
        String[] args = Stream.concat(Stream.of(CreateKeyCommand.NAME), Stream.of(options)).toArray(String[]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = CreateKeyCommand.run(args, gateway.settings(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
