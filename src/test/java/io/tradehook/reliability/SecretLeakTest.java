package io.tradehook.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Properties;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.LogCapture;
import io.tradehook.support.TestUsers.Trader;
import org.junit.jupiter.api.Test;

/**
 * With Camel tracing on and everything at DEBUG, a run of accepted and refused requests leaves the webhook secret
 * nowhere: not in any log line (Log4j or java.util.logging), not on stdout/stderr, not in an answer, not in the
 * request history.
 */
class SecretLeakTest extends GatewayTestSupport {

    @Override
    protected Properties overrides() {
        return properties(
                "camel.main.tracing", "true",
                "tradehook.ratelimit.limit", "7");
    }

    @Test
    void the_secret_appears_in_no_log_trace_answer_or_record() throws Exception {
        Trader trader = users.subscribedTrader();
        String secret = trader.key().secretKey();
        String wrongSecret = "wrongSecret" + secret.substring(11);
        String path = trader.webhookPath();
        StringBuilder answers = new StringBuilder();
        String logs;
        try (LogCapture capture = LogCapture.start("")) {
            String order = """
                    {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":1,"side":"buy"}"""
                    .formatted(trader.account());
            answers.append(http.postJson(path, order).body());
            answers.append(http.postJson(path, order).body()); // a duplicate
            answers.append(http.postJson(path, "{\"action\":\"place\",").body());
            answers.append(http.postJson(path, "{\"action\":\"cancel\",\"accountName\":\"" + trader.account()
                    + "\",\"orderId\":424242}").body());
            answers.append(http.postJson(path + "?secretKey=" + secret + "&x=" + secret, order.replace("\"qty\":1", "\"qty\":2")).body());
            answers.append(http.send(path, "GET", null, null).body());
            answers.append(http.send(path, "POST", "application/xml", "<order/>").body());
            answers.append(http.postJson("/webhook/" + trader.key().apiKey() + "/" + wrongSecret, order).body());
            answers.append(http.postJson("/webhook/" + trader.key().apiKey() + "/" + secret + "/extra", order).body());
            answers.append(http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path))
                    .header("secretKey", secret).header("X-Forwarded-For", secret)
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))).body());
            answers.append(http.postJson("/webhook/" + secret, order).body());
            // percent-encoded so that only the router's normalised path says "webhook"
            answers.append(http.postJson("/%77ebhook/" + trader.key().apiKey() + "/" + secret, order).body());
            for (int i = 0; i < 3; i++) {
                answers.append(http.postJson(path, order.replace("\"qty\":1", "\"qty\":" + (10 + i))).body()); // into the rate limit
            }
            logs = capture.text();
        }

        // the capture saw the traffic: tracing printed the route steps, and the answers include a 429
        assertThat(logs).contains("bean[ref:keyAuthenticator");
        assertThat(answers).contains("rate limit exceeded");
        for (String leaked : List.of(secret, wrongSecret, path)) {
            assertThat(logs).as("log output").doesNotContain(leaked);
            assertThat(answers).as("answers").doesNotContain(leaked);
            assertThat(sql.number("""
                    select count(*) from webhook_request r
                     where concat_ws('|', r.api_key, r.action, r.account_name, r.errmsg, r.order_id, r.source_address)
                           like '%' || ? || '%'""", leaked)).as("request history").isZero();
        }
    }
}
