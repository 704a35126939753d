package io.tradehook.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** Recipe: body limit and timeouts changed by properties alone. */
class LimitsRecipeTest extends GatewayTestSupport {

    @Override
    protected Properties overrides() {
        return properties(
                "tradehook.webhook.max-body-bytes", "300",
                "tradehook.db.connect-timeout", "PT0.4S",
                "tradehook.db.pool-size", "4");
    }

    @Test
    void body_over_the_configured_limit_is_refused_with_413_and_one_under_it_passes() {
        Trader trader = users.subscribedTrader();
        String order = """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":1,"side":"buy"%s}
                """;
        Answer small = http.postJson(trader.webhookPath(), order.formatted(trader.account(), ""));
        assertThat(small.status()).isEqualTo(200);

        Answer large = http.postJson(trader.webhookPath(),
                order.formatted(trader.account(), ",\"userComment\":\"" + "x".repeat(300) + "\""));
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.errmsg()).isEqualTo("body too large: at most 300 bytes");
    }

    @Test
    void database_wait_and_pool_size_follow_their_properties() throws Exception {
        HikariDataSource pool = dataSource().unwrap(HikariDataSource.class);
        assertThat(pool.getConnectionTimeout()).isEqualTo(400);
        assertThat(pool.getMaximumPoolSize()).isEqualTo(4);
    }
}
