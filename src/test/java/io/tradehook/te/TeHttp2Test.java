package io.tradehook.te;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import io.vertx.core.http.HttpVersion;
import org.junit.jupiter.api.Test;

/**
 * A TE that offers HTTP/2 on HTTPS gets it: the gateway negotiates it by ALPN, checking TE's certificate against the
 * one named in {@code tradehook.te.ca-file}, and its orders and sign-in go over it.
 */
class TeHttp2Test extends TeTestSupport {

    @Override
    protected FakeTe startTe() {
        return new FakeTe().startTls();
    }

    @Override
    protected Properties teOverrides() {
        return properties("tradehook.te.ca-file", te.certificatePath());
    }

    @Test
    void orders_go_to_te_over_http2_when_te_offers_it() {
        Trader trader = traderAtTe(ACCOUNT_ID);

        Answer placed = send(trader, """
                {"action":"place","accountName":"$ACCOUNT","symbol":"EURUSD","symbolType":"FOREX","type":"Market",
                 "qty":3,"side":"buy"}""");

        assertThat(te.url()).startsWith("https://");
        assertThat(placed.status()).as(placed.body()).isEqualTo(200);
        assertThat(te.received("POST", "/orders")).singleElement().satisfies(order -> {
            assertThat(order.version()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(order.headers().get("authorization")).startsWith("Bearer ");
        });
        assertThat(te.received()).extracting(FakeTe.Received::version).containsOnly(HttpVersion.HTTP_2);
    }
}
