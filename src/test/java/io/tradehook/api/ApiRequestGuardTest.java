package io.tradehook.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/**
 * The management API answers its own origin only, takes JSON bodies only, reads credentials only from the request's
 * real headers and a key id only from its path (platform-http merges query parameters into the message's headers).
 */
class ApiRequestGuardTest extends GatewayTestSupport {

    @Test
    void a_state_changing_call_from_another_origin_is_refused_and_changes_nothing() {
        Trader trader = users.subscribedTrader();

        Answer login = send(loginRequest(trader).header("Origin", "https://evil.example"));
        Answer create = send(keys(trader, "POST", "{}").header("Origin", "https://evil.example"));
        Answer crossSite = send(keys(trader, "POST", "{}").header("Sec-Fetch-Site", "cross-site"));
        Answer sameSite = send(keys(trader, "POST", "{}").header("Sec-Fetch-Site", "same-site"));
        Answer delete = send(keyDelete(trader, "/api/keys/" + trader.key().id()).header("Origin", "null"));

        for (Answer refused : new Answer[] {login, create, crossSite, sameSite, delete}) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errmsg()).isEqualTo("cross-origin request refused: call the API from the panel's own origin");
        }
        assertThat(sql.number("select count(*) from user_session where user_id = ?", trader.userId())).isZero();
        assertThat(sql.number("select count(*) from webhook_key where user_id = ? and deleted_at is null",
                trader.userId())).isEqualTo(1);
    }

    @Test
    void the_panels_own_origin_and_scripts_without_browser_headers_pass() {
        Trader trader = users.subscribedTrader();

        Answer panel = send(loginRequest(trader).header("Origin", "http://localhost:" + port())
                .header("Sec-Fetch-Site", "same-origin"));
        Answer script = send(keys(trader, "POST", "{\"name\":\"from curl\"}"));

        assertThat(panel.status()).isEqualTo(200);
        assertThat(script.status()).isEqualTo(201);
        // reading is not state-changing: another origin may not read the answer anyway (no CORS)
        assertThat(send(keys(trader, "GET", null).header("Origin", "https://evil.example")).status()).isEqualTo(200);
    }

    @Test
    void a_body_not_declared_json_is_415_on_every_post() {
        Trader trader = users.subscribedTrader();
        String login = "{\"login\":\"" + trader.login() + "\",\"password\":\"secret-" + trader.login() + "\"}";

        for (String contentType : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
            Answer answer = send(request("POST", "/api/session", login).header("Content-Type", contentType));
            assertThat(answer.status()).as(contentType).isEqualTo(415);
            assertThat(answer.errmsg()).isEqualTo("unsupported Content-Type: send the body as JSON with Content-Type: application/json");
        }
        assertThat(send(request("POST", "/api/session", login)).status()).isEqualTo(415);
        assertThat(send(request("POST", "/api/keys", null).header("Authorization", basic(trader))).status()).isEqualTo(415);
        assertThat(sql.number("select count(*) from user_session where user_id = ?", trader.userId())).isZero();
    }

    @Test
    void credentials_in_the_query_string_are_not_credentials() {
        Trader trader = users.subscribedTrader();
        String cookie = sessionCookie(trader);

        Answer byQueryBasic = send(request("GET", "/api/keys?Authorization=" + encode(basic(trader)), null));
        Answer byQueryCookie = send(request("GET", "/api/keys?Cookie=" + encode(cookie), null));
        Answer byQueryCreate = send(request("POST", "/api/keys?Authorization=" + encode(basic(trader)), "{}")
                .header("Content-Type", "application/json"));

        for (Answer refused : new Answer[] {byQueryBasic, byQueryCookie, byQueryCreate}) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.errmsg()).startsWith("login required");
        }
        assertThat(send(request("GET", "/api/keys", null).header("Cookie", cookie)).status()).isEqualTo(200);
    }

    @Test
    void the_key_id_comes_from_the_path_never_from_the_query() {
        Trader trader = users.subscribedTrader();
        long first = trader.key().id();
        long second = users.newKey(trader.userId(), null).id();

        Answer deleted = send(keyDelete(trader, "/api/keys/" + second + "?id=" + first));

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(sql.number("select count(*) from webhook_key where id = ? and deleted_at is null", second)).isZero();
        assertThat(sql.number("select count(*) from webhook_key where id = ? and deleted_at is null", first)).isEqualTo(1);
        Answer headerId = send(keyDelete(trader, "/api/keys/" + second).header("id", Long.toString(first)));
        assertThat(headerId.status()).isEqualTo(404);
        assertThat(sql.number("select count(*) from webhook_key where id = ? and deleted_at is null", first)).isEqualTo(1);
    }

    @Test
    void the_traders_controls_are_guarded_like_every_state_changing_call() {
        Trader trader = users.subscribedTrader();
        long id = trader.key().id();
        String key = "/api/keys/" + id;

        Answer pause = send(authorized(trader, "POST", key + "/pause", null).header("Origin", "https://evil.example"));
        Answer resume = send(authorized(trader, "POST", key + "/resume", null).header("Sec-Fetch-Site", "cross-site"));
        Answer pauseAll = send(authorized(trader, "POST", "/api/keys/pause-all", null).header("Origin", "null"));
        Answer resumeAll = send(authorized(trader, "POST", "/api/keys/resume-all", null)
                .header("Sec-Fetch-Site", "same-site"));
        Answer limits = send(authorized(trader, "PUT", key + "/limits", "{\"maxQty\":1}")
                .header("Content-Type", "application/json").header("Origin", "https://evil.example"));
        Answer testAlert = send(authorized(trader, "POST", key + "/test-alert", "{}")
                .header("Content-Type", "application/json").header("Origin", "https://evil.example"));
        for (Answer refused : new Answer[] {pause, resume, pauseAll, resumeAll, limits, testAlert}) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errmsg()).isEqualTo("cross-origin request refused: call the API from the panel's own origin");
        }
        for (String path : new String[] {key + "/pause", key + "/resume", "/api/keys/pause-all", "/api/keys/resume-all"}) {
            // a POST is JSON even without a body
            assertThat(send(authorized(trader, "POST", path, null)).status()).as(path).isEqualTo(415);
        }
        for (String path : new String[] {key + "/limits", key + "/test-alert"}) {
            String method = path.endsWith("/limits") ? "PUT" : "POST";
            Answer form = send(authorized(trader, method, path, "maxQty=1")
                    .header("Content-Type", "application/x-www-form-urlencoded"));
            assertThat(form.status()).as(path).isEqualTo(415);
        }
        assertThat(sql.number("select count(*) from webhook_key where id = ? and paused_at is null", id)).isEqualTo(1);
        assertThat(sql.number("select count(*) from webhook_key_restriction where key_id = ?", id)).isZero();
        assertThat(sql.number("select count(*) from webhook_request where key_id = ?", id)).isZero();
    }

    @Test
    void the_traders_controls_take_the_key_id_from_the_path_and_credentials_from_headers_only() {
        Trader trader = users.subscribedTrader();
        long first = trader.key().id();
        long second = users.newKey(trader.userId(), null).id();

        Answer paused = send(authorized(trader, "POST", "/api/keys/" + second + "/pause?id=" + first, null)
                .header("Content-Type", "application/json"));
        assertThat(paused.status()).isEqualTo(200);
        assertThat(sql.number("select count(*) from webhook_key where id = ? and paused_at is not null", second)).isEqualTo(1);
        assertThat(sql.number("select count(*) from webhook_key where id = ? and paused_at is null", first)).isEqualTo(1);

        Answer byQuery = send(request("POST", "/api/keys/" + first + "/pause?Authorization=" + encode(basic(trader)), null)
                .header("Content-Type", "application/json"));
        Answer limitsByQuery = send(request("GET", "/api/keys/" + first + "/limits?Authorization=" + encode(basic(trader)), null));
        assertThat(byQuery.status()).isEqualTo(401);
        assertThat(limitsByQuery.status()).isEqualTo(401);
        assertThat(sql.number("select count(*) from webhook_key where id = ? and paused_at is null", first)).isEqualTo(1);
    }

    private HttpRequest.Builder authorized(Trader trader, String method, String path, String body) {
        return request(method, path, body).header("Authorization", basic(trader));
    }

    private String sessionCookie(Trader trader) {
        try {
            var raw = java.net.http.HttpClient.newHttpClient().send(loginRequest(trader).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            String setCookie = raw.headers().firstValue("Set-Cookie").orElseThrow();
            return setCookie.substring(0, setCookie.indexOf(';'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpRequest.Builder loginRequest(Trader trader) {
        return request("POST", "/api/session",
                "{\"login\":\"" + trader.login() + "\",\"password\":\"secret-" + trader.login() + "\"}")
                .header("Content-Type", "application/json");
    }

    private HttpRequest.Builder keys(Trader trader, String method, String body) {
        HttpRequest.Builder request = request(method, "/api/keys", body).header("Authorization", basic(trader));
        return body == null ? request : request.header("Content-Type", "application/json");
    }

    private HttpRequest.Builder keyDelete(Trader trader, String path) {
        return request("DELETE", path, null).header("Authorization", basic(trader));
    }

    private HttpRequest.Builder request(String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    private Answer send(HttpRequest.Builder request) {
        return http.send(request);
    }

    private static String basic(Trader trader) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (trader.login() + ":secret-" + trader.login()).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
