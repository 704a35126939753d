package io.tradehook.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;

/**
 * With Camel tracing on and everything at DEBUG, a run of accepted and refused requests leaves the webhook secret
 * nowhere: not in any log line (Log4j or java.util.logging), not on stdout/stderr, not in an answer, not in the
 * request history.
 */
class SecretLeakTest extends GatewayTestSupport {

    @Override
    protected Properties overrides() {
        Properties properties = new Properties();
        properties.put("camel.main.tracing", "true");
        properties.put("tradehook.ratelimit.limit", "7");
        return properties;
    }

    @Test
    void the_secret_appears_in_no_log_trace_answer_or_record() throws Exception {
        Trader trader = users.subscribedTrader();
        String secret = trader.key().secretKey();
        String wrongSecret = "wrongSecret" + secret.substring(11);
        String path = trader.webhookPath();
        ConcurrentLinkedQueue<String> captured = new ConcurrentLinkedQueue<>();

        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        AbstractAppender appender = new AbstractAppender("capture", null, PatternLayout.createDefaultLayout(), true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                captured.add(getLayout().toSerializable(event).toString());
                if (event.getThrown() != null) {
                    captured.add(String.valueOf(event.getThrown()));
                }
            }
        };
        appender.start();
        logging.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
        Handler julHandler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // the test's own HTTP client logs the URLs it calls; that is the sender's side, not the gateway's
                String logger = String.valueOf(record.getLoggerName());
                if (!logger.startsWith("jdk.") && !logger.startsWith("java.net.http")) {
                    captured.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
        java.util.logging.Level julLevel = julRoot.getLevel();
        julRoot.addHandler(julHandler);
        julRoot.setLevel(java.util.logging.Level.ALL);
        Configurator.setRootLevel(Level.DEBUG);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        System.setErr(tee);
        StringBuilder answers = new StringBuilder();
        try {
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
        } finally {
            System.setOut(out);
            System.setErr(err);
            Configurator.setRootLevel(Level.INFO);
            logging.getConfiguration().getRootLogger().removeAppender("capture");
            julRoot.removeHandler(julHandler);
            julRoot.setLevel(julLevel);
        }
        String logs = String.join("\n", captured) + "\n" + console.toString(StandardCharsets.UTF_8);

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
