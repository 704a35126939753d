package io.tradehook.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehook.TradehookConfiguration;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestPostgres;
import io.tradehook.support.TestUsers.Trader;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/**
 * Recipe: switch broker with {@code tradehook.broker} alone. The property names the file of the broker routes,
 * {@code routes/brokers/<broker>.camel.yaml}; a broker without a file stops the start, naming the file.
 */
class SwitchBrokerRecipeTest extends GatewayTestSupport {

    @Test
    void the_broker_routes_come_from_the_file_the_property_names() {
        for (String id : new String[] {"broker-place", "broker-modify", "broker-cancel"}) {
            assertThat(context.getRoute(id).getSourceResource().getLocation()).as(id).isEqualTo("file:routes/brokers/paper.camel.yaml");
        }
        Trader trader = users.subscribedTrader();
        assertThat(http.postJson(trader.webhookPath(), """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":1,"side":"buy"}
                """.formatted(trader.account())).status()).isEqualTo(200);
    }

    @Test
    void a_broker_without_a_routes_file_does_not_start() {
        Main main = new Main();
        main.configure().addConfiguration(TradehookConfiguration.class);
        main.addOverrideProperty("tradehook.broker", "acme");
        main.addOverrideProperty("tradehook.db.url", TestPostgres.newDatabase());
        main.addOverrideProperty("tradehook.db.user", "postgres");
        main.addOverrideProperty("camel.server.port", "0");
        main.addOverrideProperty("camel.management.port", "0");
        try {
            assertThatThrownBy(main::start).hasStackTraceContaining("routes/brokers/acme.camel.yaml");
        } finally {
            main.stop();
        }
    }
}
