package io.tradehook.keys;

import static io.tradehook.support.OrderJson.cancel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestPostgres;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook path answers key look-ups from memory, and a revocation still takes effect at once: on this instance
 * when made through the API, within the database's notification otherwise, and never missed while the listener is
 * disconnected (the cache is bypassed then, and emptied when listening resumes). A cancel of an order that does not
 * exist stands for a request that passed the key checks (404) without placing anything.
 */
class KeyCacheTest extends GatewayTestSupport {

    private static final long NO_SUCH_ORDER = 999_999_999L;
    /** A notification travels in milliseconds; the bound only keeps a broken test from hanging. */
    private static final Duration NOTIFIED = Duration.ofSeconds(10);

    @Override
    protected Properties overrides() {
        // so that only a notification, never age, can explain an eviction in these tests
        return properties("tradehook.keys.cache-ttl", "PT1H");
    }

    @BeforeEach
    void listenerIsListening() {
        await().atMost(NOTIFIED).until(() -> metricsScrape().contains("tradehook_key_cache_listening 1.0"));
    }

    @Test
    void a_known_key_is_answered_from_memory_without_a_database_look_up() {
        Trader trader = cachedTrader();
        long fromDatabase = lookups("database");
        long fromCache = lookups("cache");

        for (int i = 0; i < 3; i++) {
            assertThat(cancelUnknownOrder(trader, trader.account()).status()).isEqualTo(404);
        }

        assertThat(lookups("database")).isEqualTo(fromDatabase);
        assertThat(lookups("cache")).isEqualTo(fromCache + 3);
        assertThat(metricsScrape()).doesNotContain(trader.key().apiKey()).doesNotContain(trader.key().secretKey());
    }

    @Test
    void a_wrong_secret_is_refused_even_when_the_key_is_in_memory() {
        Trader trader = cachedTrader();

        Answer answer = http.postJson("/webhook/" + trader.key().apiKey() + "/" + "A".repeat(43),
                cancel(trader.account(), NO_SUCH_ORDER).json());

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void a_key_deleted_through_the_api_is_refused_by_the_very_next_request() {
        Trader trader = cachedTrader();

        HttpRequest.Builder delete = HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/keys/" + trader.key().id()))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (trader.login() + ":secret-" + trader.login()).getBytes(StandardCharsets.UTF_8)))
                .DELETE();
        assertThat(http.send(delete).status()).isBetween(200, 204);

        assertThat(cancelUnknownOrder(trader, trader.account()).status()).isEqualTo(401);
    }

    @Test
    void a_key_deleted_by_another_instance_is_refused_once_notified() {
        Trader trader = cachedTrader();

        sql.update("update webhook_key set deleted_at = now() where id = ?", trader.key().id());

        await().atMost(NOTIFIED).until(() -> cancelUnknownOrder(trader, trader.account()).status() == 401);
    }

    @Test
    void a_key_paused_and_resumed_by_another_instance_is_forbidden_then_accepted_once_notified() {
        Trader trader = cachedTrader();

        sql.update("update webhook_key set paused_at = now() where id = ?", trader.key().id());
        await().atMost(NOTIFIED).until(() -> cancelUnknownOrder(trader, trader.account()).status() == 403);
        assertThat(cancelUnknownOrder(trader, trader.account()).errmsg()).contains("paused");

        sql.update("update webhook_key set paused_at = null where id = ?", trader.key().id());
        await().atMost(NOTIFIED).until(() -> cancelUnknownOrder(trader, trader.account()).status() == 404);
    }

    @Test
    void a_key_expired_by_another_instance_is_refused_once_notified() {
        Trader trader = cachedTrader();

        sql.update("update webhook_key set expires_at = now() where id = ?", trader.key().id());

        await().atMost(NOTIFIED).until(() -> cancelUnknownOrder(trader, trader.account()).status() == 401);
    }

    @Test
    void a_subscription_ended_by_another_instance_is_forbidden_once_notified() {
        Trader trader = cachedTrader();

        users.endSubscription(trader.userId());

        await().atMost(NOTIFIED).until(() -> cancelUnknownOrder(trader, trader.account()).status() == 403);
    }

    @Test
    void a_restriction_added_by_another_instance_applies_once_notified() {
        Trader trader = cachedTrader();

        sql.update("insert into webhook_key_restriction (key_id, allowed_actions) values (?, ?)",
                trader.key().id(), new String[] {"place"});

        await().atMost(NOTIFIED).untilAsserted(() -> {
            Answer answer = cancelUnknownOrder(trader, trader.account());
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.errmsg()).isEqualTo("action: cancel is not allowed for this key");
        });
    }

    @Test
    void an_account_added_by_another_instance_is_accepted_once_notified() {
        Trader trader = cachedTrader();
        String added = trader.account() + "-added";
        assertThat(cancelUnknownOrder(trader, added).status()).isEqualTo(403);

        sql.update("insert into trading_account (user_id, name) values (?, ?)", trader.userId(), added);

        await().atMost(NOTIFIED).until(() -> cancelUnknownOrder(trader, added).status() == 404);
    }

    @Test
    void without_its_listener_the_cache_is_bypassed_and_after_reconnecting_it_starts_empty() {
        Trader trader = cachedTrader();
        Trader other = cachedTrader();
        String database = sql.string("select current_database()");
        try {
            // the listener cannot come back until allowed; the pool keeps the connections it has
            TestPostgres.allowConnections(database, false);
            assertThat(sql.rows("""
                    select pg_terminate_backend(pid, 5000) from pg_stat_activity
                     where application_name = ? and datname = current_database()""",
                    KeyChangeListener.APPLICATION_NAME)).hasSize(1);
            await().atMost(NOTIFIED).until(() -> metricsScrape().contains("tradehook_key_cache_listening 0.0"));

            // nobody hears this: only the bypass refuses the key
            sql.update("update webhook_key set deleted_at = now() where id = ?", trader.key().id());
            assertThat(cancelUnknownOrder(trader, trader.account()).status()).isEqualTo(401);
            long fromCache = lookups("cache");
            assertThat(cancelUnknownOrder(other, other.account()).status()).isEqualTo(404);
            assertThat(cancelUnknownOrder(other, other.account()).status()).isEqualTo(404);
            assertThat(lookups("cache")).isEqualTo(fromCache);
        } finally {
            TestPostgres.allowConnections(database, true);
        }

        await().atMost(NOTIFIED).until(() -> metricsScrape().contains("tradehook_key_cache_listening 1.0"));
        assertThat(cancelUnknownOrder(trader, trader.account()).status()).isEqualTo(401);
        cachedTrader();
    }

    /**
     * A trader whose key the last request found in memory. The notifications of the trader's own creation may
     * still be arriving and evict the key once more, hence the wait.
     */
    private Trader cachedTrader() {
        Trader trader = users.subscribedTrader();
        await().atMost(NOTIFIED).untilAsserted(() -> {
            long fromCache = lookups("cache");
            assertThat(cancelUnknownOrder(trader, trader.account()).status()).isEqualTo(404);
            assertThat(lookups("cache")).isEqualTo(fromCache + 1);
        });
        return trader;
    }

    private Answer cancelUnknownOrder(Trader trader, String account) {
        return http.postJson(trader.webhookPath(), cancel(account, NO_SUCH_ORDER).json());
    }

    private long lookups(String source) {
        Matcher matcher = Pattern.compile("tradehook_key_lookups_total\\{source=\"" + source + "\"} ([0-9.E]+)")
                .matcher(metricsScrape());
        assertThat(matcher.find()).as("lookups from %s in the scrape", source).isTrue();
        return (long) Double.parseDouble(matcher.group(1));
    }
}
