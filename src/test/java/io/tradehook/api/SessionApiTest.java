package io.tradehook.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** Logging in and out of the panel: the session cookie, one message for any bad login, throttling. */
class SessionApiTest extends GatewayTestSupport {

    @Test
    void login_sets_an_http_only_strict_cookie_that_opens_the_api_until_logout() throws Exception {
        Trader trader = users.subscribedTrader();

        HttpRequest.Builder login = request("POST", "/api/session",
                "{\"login\":\"" + trader.login() + "\",\"password\":\"secret-" + trader.login() + "\"}");
        var response = java.net.http.HttpClient.newHttpClient().send(login.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"login\":\"" + trader.login() + "\"")
                .contains("\"accounts\":[\"" + trader.account() + "\"]")
                .contains("\"webhookBaseUrl\":\"http://localhost:" + port() + "/webhook\"");
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(SessionCookie.NAME + "=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/api").contains("Max-Age=28800").doesNotContain("Secure");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String token = cookie.substring(cookie.indexOf('=') + 1);
        assertThat(storedTokenHashes()).doesNotContain(token);

        Answer keys = http.send(request("GET", "/api/keys", null).header("Cookie", cookie));
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.body()).contains(trader.key().apiKey());
        assertThat(http.send(request("GET", "/api/session", null).header("Cookie", cookie)).json()
                .get("login").asText()).isEqualTo(trader.login());

        Answer logout = http.send(request("DELETE", "/api/session", null).header("Cookie", cookie));
        assertThat(logout.status()).isEqualTo(204);
        Answer afterLogout = http.send(request("GET", "/api/keys", null).header("Cookie", cookie));
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.errmsg()).startsWith("login required");
    }

    @Test
    void wrong_password_and_unknown_login_get_the_same_answer() {
        Trader trader = users.subscribedTrader();

        Answer wrongPassword = http.postJson("/api/session", "{\"login\":\"" + trader.login() + "\",\"password\":\"nope\"}");
        Answer unknownLogin = http.postJson("/api/session", "{\"login\":\"no-such-login\",\"password\":\"nope\"}");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownLogin.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).isEqualTo(unknownLogin.body())
                .isEqualTo("{\"s\":\"error\",\"errmsg\":\"wrong login or password\"}");
    }

    @Test
    void login_input_is_checked() {
        assertThat(http.postJson("/api/session", "{\"login\":\"x\"}").errmsg()).isEqualTo("password is required");
        assertThat(http.postJson("/api/session", "{\"password\":\"x\"}").errmsg()).isEqualTo("login is required");
        Answer malformed = http.postJson("/api/session", "login=x&password=y");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errmsg()).isEqualTo("malformed JSON: the body must be one JSON object");
    }

    @Test
    void after_five_wrong_passwords_even_the_right_one_waits_for_the_delay_from_that_address() {
        Trader trader = users.subscribedTrader();
        String right = "{\"login\":\"" + trader.login() + "\",\"password\":\"secret-" + trader.login() + "\"}";
        String wrong = "{\"login\":\"" + trader.login() + "\",\"password\":\"guess\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(http.postJson("/api/session", wrong).status()).isEqualTo(401);
        }

        Answer delayed = http.postJson("/api/session", right);
        assertThat(delayed.status()).isEqualTo(429);
        assertThat(delayed.errmsg()).isEqualTo("too many failed logins: retry in 1 s");
        assertThat(ApiCaller.as(http, trader.login(), "secret-" + trader.login()).get("/api/keys").status())
                .isEqualTo(429);

        // the first delay (tradehook.login.first-delay, a second) passes
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.postJson("/api/session", right).status() == 200);
    }

    @Test
    void the_cookie_is_secure_when_the_gateway_is_published_over_https() {
        assertThat(new SessionCookie(true).set("token", Duration.ofHours(1))).contains("Secure");
        assertThat(new SessionCookie(false).clear()).contains("Max-Age=0").doesNotContain("Secure");
    }

    private java.util.List<String> storedTokenHashes() throws Exception {
        java.util.List<String> hashes = new java.util.ArrayList<>();
        try (var c = dataSource().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("select encode(token_hash, 'escape') from user_session")) {
            while (rs.next()) {
                hashes.add(rs.getString(1));
            }
        }
        assertThat(hashes).isNotEmpty();
        return hashes;
    }

    private HttpRequest.Builder request(String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(http.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder;
    }
}
