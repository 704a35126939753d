package io.tradehook.webhook;

import static io.tradehook.support.EnvelopeAssertions.assertError;
import static io.tradehook.support.EnvelopeAssertions.assertOk;
import static io.tradehook.support.OrderJson.limitOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;

import io.tradehook.keys.CreatedKey;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may trade: the key pair in the path, and nowhere else, authenticates (401 with one message for every way it
 * can be wrong); its user needs an active Trading Webhooks subscription and must own the account named (403).
 */
class KeyAuthenticationTest extends GatewayTestSupport {

    private static final String BAD_KEY = "{\"s\":\"error\",\"errmsg\":\"invalid webhook key\"}";

    @Test
    void the_key_pair_in_the_path_is_accepted() {
        Trader trader = users.subscribedTrader();

        assertOk(place(trader, trader.webhookPath()));
    }

    @Test
    void unknown_api_key_is_refused() {
        Trader trader = users.subscribedTrader();

        assertBadKey(place(trader, "/webhook/" + "A".repeat(22) + "/" + trader.key().secretKey()));
    }

    @Test
    void wrong_secret_is_refused() {
        Trader trader = users.subscribedTrader();
        String otherSecret = users.newKey(trader.userId(), null).secretKey();

        assertBadKey(place(trader, "/webhook/" + trader.key().apiKey() + "/" + otherSecret));
    }

    @Test
    void expired_key_is_refused() {
        Trader trader = users.subscribedTrader();
        sql.update("update webhook_key set expires_at = now() - interval '1 minute' where id = ?", trader.key().id());

        assertBadKey(place(trader, trader.webhookPath()));
    }

    @Test
    void key_expiring_later_still_works() {
        Trader trader = users.subscribedTrader();
        CreatedKey key = users.newKey(trader.userId(), Instant.now().plusSeconds(3600));

        assertOk(place(trader, pathOf(key)));
    }

    @Test
    void deleted_key_is_refused() {
        Trader trader = users.subscribedTrader();
        users.deleteKey(trader.userId(), trader.key().id());

        assertBadKey(place(trader, trader.webhookPath()));
    }

    static Stream<Function<CreatedKey, String>> malformedPaths() {
        return Stream.of(
                key -> "/webhook",
                key -> "/webhook/" + key.apiKey(),
                key -> "/webhook/" + key.apiKey() + "/",
                key -> "/webhook/" + key.secretKey(),
                key -> "/webhook/" + key.apiKey() + "/" + key.secretKey() + "/extra",
                key -> "/webhook/extra/" + key.apiKey() + "/" + key.secretKey(),
                key -> "/webhook//" + key.secretKey(),
                key -> "/webhook/" + key.apiKey() + "/" + key.secretKey() + "!",
                key -> "/webhook/" + key.apiKey() + "%20/" + key.secretKey(),
                key -> "/webhook/" + key.apiKey() + "/" + key.secretKey() + "%C3%A9",
                key -> "/webhook/" + key.apiKey() + "/" + key.secretKey().substring(0, 10));
    }

    @ParameterizedTest
    @MethodSource("malformedPaths")
    void malformed_path_is_refused(Function<CreatedKey, String> path) {
        Trader trader = users.subscribedTrader();

        assertBadKey(place(trader, path.apply(trader.key())));
    }

    @Test
    void secret_sent_as_query_parameter_is_not_read() {
        Trader trader = users.subscribedTrader();
        String secret = trader.key().secretKey();

        assertBadKey(place(trader, "/webhook/" + trader.key().apiKey() + "/x?secretKey=" + secret));
        assertBadKey(place(trader, "/webhook/" + trader.key().apiKey() + "?secretKey=" + secret));
        assertBadKey(place(trader, "/webhook/" + trader.key().apiKey() + "/?secretKey=" + secret));
    }

    @Test
    void secret_sent_as_header_is_not_read() {
        Trader trader = users.subscribedTrader();

        for (String path : new String[] {"/webhook/" + trader.key().apiKey(), "/webhook/" + trader.key().apiKey() + "/x"}) {
            Answer answer = http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .header("secretKey", trader.key().secretKey())
                    .header("apiKey", trader.key().apiKey())
                    .POST(HttpRequest.BodyPublishers.ofString(limitOrder(trader.account()).json())));
            assertBadKey(answer);
        }
    }

    @Test
    void refused_keys_place_no_order() {
        Trader trader = users.subscribedTrader();
        users.deleteKey(trader.userId(), trader.key().id());

        place(trader, trader.webhookPath());
        place(trader, "/webhook/" + trader.key().apiKey() + "/x?secretKey=" + trader.key().secretKey());

        assertThat(sql.paperOrdersOfUser(trader.userId())).isZero();
    }

    @Test
    void user_without_subscription_is_forbidden() {
        Trader trader = users.trader(false);

        String errmsg = assertError(place(trader, trader.webhookPath()), 403);

        assertThat(errmsg).contains("Trading Webhooks subscription");
    }

    @Test
    void user_whose_subscription_ended_is_forbidden() {
        Trader trader = users.subscribedTrader();
        assertOk(place(trader, trader.webhookPath()));

        users.endSubscription(trader.userId());

        // the key cache of the gateway hears of the change by the database's notification
        await().atMost(Duration.ofSeconds(10)).until(() -> place(trader, trader.webhookPath()).status() == 403);
        assertThat(assertError(place(trader, trader.webhookPath()), 403)).contains("Trading Webhooks subscription");
    }

    @Test
    void user_whose_subscription_starts_later_is_forbidden() {
        Trader trader = users.trader(false);
        sql.update("insert into product_subscription (user_id, product, starts_at) values (?, 'TRADING_WEBHOOKS', "
                + "now() + interval '1 day')", trader.userId());

        assertError(place(trader, trader.webhookPath()), 403);
    }

    @Test
    void account_of_someone_else_is_forbidden_with_the_same_message_as_no_such_account() {
        Trader trader = users.subscribedTrader();
        Trader someoneElse = users.subscribedTrader();

        String othersAccount = assertError(http.postJson(trader.webhookPath(),
                limitOrder(someoneElse.account()).json()), 403);
        String noSuchAccount = assertError(http.postJson(trader.webhookPath(),
                limitOrder("no-such-account-" + someoneElse.account()).json()), 403);

        assertThat(othersAccount).isEqualTo(noSuchAccount).contains("accountName").doesNotContain(someoneElse.account());
    }

    private Answer place(Trader trader, String path) {
        return http.postJson(path, limitOrder(trader.account()).json());
    }

    private static String pathOf(CreatedKey key) {
        return "/webhook/" + key.apiKey() + "/" + key.secretKey();
    }

    private static void assertBadKey(Answer answer) {
        assertError(answer, 401);
        assertThat(answer.body()).isEqualTo(BAD_KEY);
    }
}
