package io.tradehook.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
                "tradehook.ratelimit.limit", "7",
                // a fixed window: a minute's boundary inside the run would split its count
                "tradehook.ratelimit.window", "P1D");
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
                     where concat_ws('|', r.api_key, r.action, r.account_name, r.errmsg, r.order_id, r.source_address, r.detail)
                           like '%' || ? || '%'""", leaked)).as("request history").isZero();
        }
    }

    @Test
    void no_password_basic_header_cookie_or_created_key_appears_in_any_log_line_or_trace() throws Exception {
        Trader trader = users.subscribedTrader();
        String password = "secret-" + trader.login();
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (trader.login() + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newHttpClient();
        String logs;
        String cookie;
        JsonNode created;
        try (LogCapture capture = LogCapture.start("")) {
            HttpResponse<String> login = client.send(api("POST", "/api/session",
                    "{\"login\":\"%s\",\"password\":\"%s\"}".formatted(trader.login(), password)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            HttpResponse<String> key = client.send(api("POST", "/api/keys", "{\"name\":\"leak\"}")
                    .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(key.statusCode()).isEqualTo(201);
            created = new ObjectMapper().readTree(key.body());
            String keyPath = "/api/keys/" + created.get("id").asText();
            String order = "{\"action\":\"place\",\"accountName\":\"%s\",\"symbol\":\"ABC\",\"type\":\"market\","
                    .formatted(trader.account()) + "\"qty\":1,\"side\":\"buy\"}";
            // every management route, with the cookie or with Basic
            for (String[] call : new String[][] {{"GET", "/api/session", null}, {"GET", "/api/keys", null},
                    {"POST", keyPath + "/pause", null}, {"POST", keyPath + "/resume", null}, {"POST", "/api/keys/pause-all", null},
                    {"POST", "/api/keys/resume-all", null}, {"GET", keyPath + "/limits", null},
                    {"PUT", keyPath + "/limits", "{\"maxQty\":5}"}, {"POST", keyPath + "/test-alert", order},
                    {"GET", "/api/requests", null}, {"GET", "/api/requests/1", null}, {"GET", "/api/openapi.json", null},
                    {"GET", "/", null}, {"GET", "/docs", null}, {"GET", "/panel/panel.js", null},
                    {"GET", "/api/keys?password=" + password, null}, {"DELETE", keyPath, null}}) {
                assertThat(client.send(api(call[0], call[1], call[2]).header("Cookie", cookie).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).as(call[1]).isLessThan(500);
                assertThat(client.send(api(call[0], call[1], call[2]).header("Authorization", basic).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).as(call[1]).isLessThan(500);
            }
            client.send(api("POST", "/api/session", "{\"login\":\"%s\",\"password\":\"wrong-%s\"}"
                    .formatted(trader.login(), password)).build(), HttpResponse.BodyHandlers.ofString());
            client.send(api("DELETE", "/api/session", null).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
            logs = capture.text();
        }

        assertThat(logs).as("tracing printed the management routes").contains("bean[ref:keysApi method:create");
        String secret = created.get("secretKey").asText();
        String token = cookie.substring(cookie.indexOf('=') + 1);
        for (String leaked : List.of(password, basic.substring(6), secret, created.get("webhookUrl").asText(), token)) {
            assertThat(logs).as("log output").doesNotContain(leaked);
        }
    }

    private HttpRequest.Builder api(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        // a POST is JSON even without a body: the API refuses anything else (415)
        return body == null && !"POST".equals(method) ? request : request.header("Content-Type", "application/json");
    }
}
