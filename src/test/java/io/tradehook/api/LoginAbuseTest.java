package io.tradehook.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradehook.support.Concurrently;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.LogCapture;
import io.tradehook.support.OrderJson;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.junit.jupiter.api.Test;

/**
 * Password guessing against the panel and the API: the webhook path keeps its threads and its database pool, the
 * owner of a login can always sign in from their own address, and parallel guesses cannot outrun the throttle.
 * 127.0.0.1 is a trusted proxy here, so X-Forwarded-For stands for the sender's address.
 */
class LoginAbuseTest extends GatewayTestSupport {

    /** The platform worker threads the routes ran on before they ran on virtual threads: the yardstick. */
    private static final int WORKER_THREADS = 48;
    private static final String ATTACKER = "203.0.113.66";
    private static final String VICTIM = "198.51.100.7";

    @Override
    protected Properties overrides() {
        // a first delay of a minute: no attempt of a test outlives it, whatever the machine's speed
        return properties("tradehook.trusted-proxies", "127.0.0.1, ::1", "tradehook.login.first-delay", "PT1M");
    }

    @Test
    void a_flood_of_bad_logins_at_four_times_the_worker_count_leaves_every_webhook_answered_and_its_pool_untouched() {
        Trader trader = users.subscribedTrader();
        assertThat(place(trader, "warm-up").status()).isEqualTo(200); // the key is cached from here on
        double webhookPoolTimeouts = counter("hikaricp.connections.timeout", "tradehook");
        long webhookPoolAcquisitions = acquisitions("tradehook");
        int flood = 4 * WORKER_THREADS;
        int webhooks = 24;

        // every guess from an address of its own, so none is stopped by the throttle: each wants a password check
        List<Answer> answers = Concurrently.run(flood + webhooks, i -> i < webhooks
                ? place(trader, "order-" + i)
                : basicLogin("user-" + i, "guess-" + i, "10.9." + (i / 200) + "." + (i % 200)));

        assertThat(answers.subList(0, webhooks)).extracting(Answer::status).containsOnly(200);
        List<Answer> logins = answers.subList(webhooks, answers.size());
        assertThat(logins).extracting(Answer::status).containsOnly(401, 429);
        assertThat(logins).filteredOn(a -> a.status() == 429).extracting(Answer::errmsg)
                .containsOnly("too many logins under way: retry in a moment");
        assertThat(counter("hikaricp.connections.timeout", "tradehook")).isEqualTo(webhookPoolTimeouts);
        // no password check, failed or refused, took a connection of the webhook path's pool: only the API's
        assertThat(acquisitions("tradehook")).isEqualTo(webhookPoolAcquisitions);
        assertThat(acquisitions("tradehook-api")).isPositive();
        assertThat(counter("hikaricp.connections.timeout", "tradehook-api")).isZero();
        assertThat(attempts("failed") + attempts("busy")).isGreaterThanOrEqualTo(flood);
    }

    @Test
    void the_owner_signs_in_from_their_own_address_while_a_stranger_hammers_the_login_from_another() {
        Trader victim = users.subscribedTrader();
        String password = "secret-" + victim.login();

        List<Integer> guesses = Concurrently.run(40, i -> basicLogin(victim.login(), "guess-" + i, ATTACKER).status());
        assertThat(guesses).containsOnly(401, 429);
        guessUntilDelayed(victim.login(), ATTACKER);
        assertThat(basicLogin(victim.login(), password, ATTACKER).status()).isEqualTo(429);

        assertThat(basicLogin(victim.login(), password, VICTIM).status()).isEqualTo(200);
        assertThat(sessionLogin(victim.login(), password, VICTIM).status()).isEqualTo(200);
        // and again while the guessing goes on
        List<Integer> duringMoreGuesses = Concurrently.run(20, i -> i == 0
                ? sessionLogin(victim.login(), password, VICTIM).status()
                : sessionLogin(victim.login(), "guess", ATTACKER).status());
        assertThat(duringMoreGuesses.get(0)).isEqualTo(200);
        assertThat(duringMoreGuesses.subList(1, duringMoreGuesses.size())).containsOnly(429);
    }

    @Test
    void parallel_wrong_guesses_get_five_checked_in_all_and_the_right_password_then_waits() {
        Trader trader = users.subscribedTrader();
        String attacker = "203.0.113.12";

        List<Answer> parallel = Concurrently.run(12, i -> sessionLogin(trader.login(), "guess-" + i, attacker));

        assertThat(parallel).extracting(Answer::status).containsOnly(401, 429);
        long checked = parallel.stream().filter(a -> a.status() == 401).count();
        // a guess refused because the checks were all busy was not counted: send guesses until the throttle stops them
        assertThat(checked + guessUntilDelayed(trader.login(), attacker)).isEqualTo(5);
        Answer right = sessionLogin(trader.login(), "secret-" + trader.login(), attacker);
        assertThat(right.status()).isEqualTo(429);
        assertThat(right.errmsg()).startsWith("too many failed logins: retry in ");
    }

    @Test
    void one_address_guessing_many_logins_is_delayed_for_every_login() {
        String scanner = "203.0.113.99";
        for (int i = 0; i < 20; i++) {
            assertThat(sessionLogin("scan-" + i, "guess", scanner).status()).isEqualTo(401);
        }

        Answer refused = sessionLogin("scan-next", "guess", scanner);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errmsg()).startsWith("too many failed logins: retry in ");
    }

    @Test
    void failed_logins_are_logged_and_counted_without_the_password() throws Exception {
        Trader trader = users.subscribedTrader();
        double failedBefore = attempts("failed");
        try (LogCapture logs = LogCapture.start()) {
            assertThat(sessionLogin(trader.login(), "hunter2-not-it", "192.0.2.44").status()).isEqualTo(401);
            assertThat(sessionLogin("hunter2-typed-as-login", "whatever-pw", "192.0.2.44").status()).isEqualTo(401);

            // the gateway's own lines (the capture also holds the JDBC driver's trace of the test's statements)
            List<String> lines = logs.text().lines().filter(line -> line.contains("io.tradehook")).toList();
            assertThat(lines).anyMatch(line -> line.contains(
                    "Failed login for login '" + trader.login() + "' from 192.0.2.44"));
            assertThat(lines).anyMatch(line -> line.contains("Failed login for an unknown login from 192.0.2.44"));
            assertThat(lines).noneMatch(line -> line.contains("hunter2") || line.contains("whatever-pw"));
        }
        assertThat(attempts("failed")).isEqualTo(failedBefore + 2);
    }

    /** Wrong guesses one after the other until the throttle refuses one; how many were checked (401) before. */
    private int guessUntilDelayed(String login, String from) {
        for (int checked = 0; checked <= 10; checked++) {
            Answer answer = sessionLogin(login, "one-more-guess", from);
            if (answer.status() == 429) {
                assertThat(answer.errmsg()).startsWith("too many failed logins: retry in ");
                return checked;
            }
            assertThat(answer.status()).isEqualTo(401);
        }
        throw new AssertionError("never throttled");
    }

    private Answer place(Trader trader, String requestId) {
        return http.send(request(trader.webhookPath())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        OrderJson.limitOrder(trader.account()).with("requestId", requestId).toString())));
    }

    private Answer basicLogin(String login, String password, String from) {
        return http.send(request("/api/keys")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("X-Forwarded-For", from)
                .GET());
    }

    private Answer sessionLogin(String login, String password, String from) {
        return http.send(request("/api/session")
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}")));
    }

    /** HTTP/1.1, one connection per request in flight: an HTTP/2 upgrade would cap the streams of the flood. */
    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(20));
    }

    private MeterRegistry meters() {
        return context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
    }

    private double counter(String name, String pool) {
        Counter counter = meters().find(name).tag("pool", pool).counter();
        return counter == null ? 0 : counter.count();
    }

    private long acquisitions(String pool) {
        Timer timer = meters().find("hikaricp.connections.acquire").tag("pool", pool).timer();
        return timer == null ? 0 : timer.count();
    }

    private double attempts(String outcome) {
        Counter counter = meters().find("tradehook.login.attempts").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
