package io.tradehook.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import org.junit.jupiter.api.Test;

/**
 * A sender that asks {@code Expect: 100-continue} (curl for large bodies, some HTTP clients always) is told to go on
 * at once, instead of waiting out its own timeout (a second for curl) before it sends the order.
 */
class ExpectContinueTest extends GatewayTestSupport {

    @Test
    void a_webhook_that_expects_100_continue_gets_it_before_it_sends_its_body() throws Exception {
        Trader trader = users.subscribedTrader();
        byte[] body = """
                {"action":"place","accountName":"%s","symbol":"ABC","symbolType":"CRYPTO","type":"Limit","qty":5,
                 "side":"buy","price":34}""".formatted(trader.account()).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", port())) {
            // a reader that gave up waiting would fail here rather than hang the build
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out.write(("POST " + trader.webhookPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            // nothing of the body has been sent yet: the only thing the gateway can answer now is 100 Continue
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(in.readLine()).isEmpty();
            out.write(body);
            out.flush();

            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }
}
