package io.tradehook.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Properties;

import io.tradehook.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/** The housekeeping route deletes request records past the retention period, and expired idempotency claims. */
class RetentionTest extends GatewayTestSupport {

    @Override
    protected Properties overrides() {
        return properties(
                "tradehook.requests.retention", "P30D",
                "tradehook.requests.purge-interval", "200",
                "tradehook.requests.purge-batch-size", "100");
    }

    @Test
    void records_older_than_the_retention_go_in_batches_and_recent_ones_stay() {
        var trader = users.subscribedTrader();
        sql.update("""
                insert into webhook_request (received_at, status, outcome, latency_ms)
                select now() - interval '31 days' - g * interval '1 minute', 200, 'ok', 1 from generate_series(1, 350) g""");
        sql.update("""
                insert into webhook_request (received_at, status, outcome, latency_ms)
                values (now() - interval '29 days', 200, 'ok', 1), (now(), 400, 'rejected', 1)""");
        sql.update("""
                insert into webhook_idempotency (key_id, fingerprint, expires_at, status)
                values (?, 'expired', now() - interval '1 second', 200), (?, 'live', now() + interval '1 hour', 200)""",
                trader.key().id(), trader.key().id());

        await().atMost(Duration.ofSeconds(30)).until(() ->
                sql.number("select count(*) from webhook_request where received_at < now() - interval '30 days'") == 0
                        && sql.number("select count(*) from webhook_idempotency where fingerprint = 'expired'") == 0);
        assertThat(sql.number("select count(*) from webhook_request")).isEqualTo(2);
        assertThat(sql.number("select count(*) from webhook_idempotency where fingerprint = 'live'")).isEqualTo(1);
    }
}
