package io.tradehook.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Properties;

import io.tradehook.keys.CreatedKey;
import io.tradehook.support.Concurrently;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** A user's keys share one budget (tradehook.ratelimit.user-limit) beside each key's own. */
class UserRateLimitTest extends GatewayTestSupport {

    private static final int USER_LIMIT = 5;

    @Override
    protected Properties overrides() {
        // one window for the whole test class; the per-key limit out of the way
        return properties("tradehook.ratelimit.user-limit", Integer.toString(USER_LIMIT),
                "tradehook.ratelimit.limit", "1000", "tradehook.ratelimit.window", "P1D");
    }

    @Test
    void requests_spread_over_many_keys_of_one_user_get_the_users_limit_through_and_no_more() {
        Trader trader = users.subscribedTrader();
        List<CreatedKey> keys = List.of(trader.key(), users.newKey(trader.userId(), null),
                users.newKey(trader.userId(), null));

        List<Answer> answers = Concurrently.run(12, i -> cancel(keys.get(i % keys.size()), trader.account()));

        assertThat(answers).filteredOn(a -> a.status() != 429).hasSize(USER_LIMIT);
        assertThat(answers).filteredOn(a -> a.status() == 429).allSatisfy(refused -> assertThat(refused.errmsg())
                .startsWith("rate limit exceeded: at most 5 requests per 86400 s for all keys of this user; retry in "));
        // another user's budget is their own
        Trader other = users.subscribedTrader();
        assertThat(cancel(other.key(), other.account()).status()).isNotEqualTo(429);
    }

    @Test
    void a_bad_key_spends_no_users_budget() {
        Trader trader = users.subscribedTrader();
        for (int i = 0; i < USER_LIMIT * 2; i++) {
            assertThat(http.postJson("/webhook/" + trader.key().apiKey() + "/" + "w".repeat(43), "{}").status())
                    .isEqualTo(401);
        }

        assertThat(cancel(trader.key(), trader.account()).status()).isNotEqualTo(429);
    }

    private Answer cancel(CreatedKey key, String account) {
        return http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/webhook/" + key.apiKey() + "/"
                        + key.secretKey()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"action":"cancel","accountName":"%s","orderId":1}""".formatted(account))));
    }
}
