package io.tradehook.restrictions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Properties;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/**
 * A key's owner can narrow it: accounts, actions, maximum quantity, source addresses. The test client connects from
 * 127.0.0.1, which this class trusts as a proxy, so X-Forwarded-For stands for the sender's address.
 */
class KeyRestrictionsTest extends GatewayTestSupport {

    @Override
    protected Properties overrides() {
        return properties("tradehook.trusted-proxies", "127.0.0.1, ::1");
    }


    private void restrict(Trader trader, String column, Object value) {
        sql.update("insert into webhook_key_restriction (key_id, " + column + ") values (?, ?)", trader.key().id(), value);
    }

    private Answer place(Trader trader, String qty, String forwardedFor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.baseUrl() + trader.webhookPath()))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":%s,"side":"buy"}"""
                        .formatted(trader.account(), qty)));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(request);
    }

    @Test
    void a_key_without_restrictions_is_unrestricted() {
        assertThat(place(users.subscribedTrader(), "1000", null).status()).isEqualTo(200);
    }

    @Test
    void an_action_the_key_does_not_allow_is_refused() {
        Trader trader = users.subscribedTrader();
        restrict(trader, "allowed_actions", new String[] {"cancel", "modify"});

        Answer answer = place(trader, "1", null);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errmsg()).isEqualTo("action: place is not allowed for this key");
    }

    @Test
    void an_account_the_key_does_not_allow_is_refused() {
        Trader trader = users.subscribedTrader();
        restrict(trader, "allowed_accounts", new String[] {"some-other-account"});

        Answer answer = place(trader, "1", null);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errmsg()).isEqualTo("accountName: this account is not allowed for this key");
    }

    @Test
    void a_quantity_above_the_key_maximum_is_refused_and_up_to_it_accepted() {
        Trader trader = users.subscribedTrader();
        restrict(trader, "max_qty", new java.math.BigDecimal("10"));

        assertThat(place(trader, "10", null).status()).isEqualTo(200);
        Answer answer = place(trader, "10.5", null);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errmsg()).isEqualTo("qty: above the maximum quantity of this key (10)");
    }

    @Test
    void the_tradingview_preset_admits_tradingview_addresses_only() {
        Trader trader = users.subscribedTrader();
        restrict(trader, "allowed_sources", new String[] {"tradingview"});

        assertThat(place(trader, "1", "52.89.214.238").status()).isEqualTo(200);
        assertThat(place(trader, "2", "34.212.75.30").status()).isEqualTo(200);
        Answer stranger = place(trader, "3", "203.0.113.9");
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.errmsg()).isEqualTo("this key does not accept requests from this source address");
        assertThat(place(trader, "4", null).status()).isEqualTo(403);
        assertThat(sql.number("select count(*) from webhook_request where key_id = ? and source_address = '52.89.214.238'",
                trader.key().id())).isEqualTo(1);
    }

    @Test
    void a_cidr_block_admits_its_addresses() {
        Trader trader = users.subscribedTrader();
        restrict(trader, "allowed_sources", new String[] {"10.20.0.0/16", "2001:db8::/32"});

        assertThat(place(trader, "1", "10.20.255.1").status()).isEqualTo(200);
        assertThat(place(trader, "2", "2001:db8::7").status()).isEqualTo(200);
        assertThat(place(trader, "3", "10.21.0.1").status()).isEqualTo(403);
    }

    @Test
    void a_forwarded_for_query_parameter_or_a_spoofed_hop_does_not_choose_the_address() {
        Trader trader = users.subscribedTrader();
        restrict(trader, "allowed_sources", new String[] {"tradingview"});

        // a query parameter is not a header, whatever platform-http's merged map says
        assertThat(http.postJson(trader.webhookPath() + "?X-Forwarded-For=52.89.214.238", """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":1,"side":"buy"}"""
                .formatted(trader.account())).status()).isEqualTo(403);
        // the sender wrote the first hop itself; our proxy appended the address it really saw
        assertThat(place(trader, "1", "52.89.214.238, 203.0.113.9").status()).isEqualTo(403);
    }
}
