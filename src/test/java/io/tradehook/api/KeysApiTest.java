package io.tradehook.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehook.support.Concurrently;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** POST, GET and DELETE /api/keys over real HTTP, and what they mean for the webhook. */
class KeysApiTest extends GatewayTestSupport {

    private static final String PLACE = """
            {"action":"place","accountName":"%s","symbol":"ABC","type":"Market","qty":1,"side":"buy"}""";

    private ApiCaller as(Trader trader) {
        return ApiCaller.as(http, trader.login(), "secret-" + trader.login());
    }

    @Test
    void create_with_a_name_and_no_expiration_answers_the_key_once_with_its_webhook_url() {
        Trader trader = users.subscribedTrader();

        Answer created = as(trader).post("/api/keys", "{\"name\":\"  my alerts  \"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        JsonNode key = created.json();
        assertThat(key.get("name").asText()).isEqualTo("my alerts");
        assertThat(key.get("expiresAt").isNull()).isTrue();
        assertThat(key.get("createdAt").asText()).isNotBlank();
        assertThat(key.get("webhookUrl").asText()).isEqualTo("http://localhost:" + port() + "/webhook/"
                + key.get("apiKey").asText() + "/" + key.get("secretKey").asText());
        assertThat(key.get("secretKey").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(http.postJson(key.get("webhookUrl").asText(), PLACE.formatted(trader.account())).status())
                .isEqualTo(200);
    }

    @Test
    void create_without_a_body_or_name_gets_a_generated_name() {
        Trader trader = users.subscribedTrader();

        Answer withoutBody = as(trader).call("POST", "/api/keys", null);
        Answer emptyName = as(trader).post("/api/keys", "{\"name\":\"\"}");

        assertThat(withoutBody.status()).isEqualTo(201);
        assertThat(withoutBody.json().get("name").asText()).matches("[a-z]+-[a-z]+-[0-9]{3}");
        assertThat(emptyName.status()).isEqualTo(201);
        assertThat(emptyName.json().get("name").asText()).matches("[a-z]+-[a-z]+-[0-9]{3}");
    }

    @Test
    void create_with_an_expiration_keeps_it() {
        Trader trader = users.subscribedTrader();
        Instant expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        Answer created = as(trader).post("/api/keys", "{\"expiresAt\":\"" + expires + "\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(Instant.parse(created.json().get("expiresAt").asText())).isEqualTo(expires);
        JsonNode listed = as(trader).get("/api/keys").json();
        assertThat(listed.findValuesAsText("expiresAt")).contains(expires.toString());
    }

    @Test
    void list_shows_the_callers_keys_without_any_secret() {
        Trader trader = users.subscribedTrader();
        Trader other = users.subscribedTrader();
        JsonNode created = as(trader).post("/api/keys", "{\"name\":\"listed\"}").json();

        Answer list = as(trader).get("/api/keys");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().isArray()).isTrue();
        assertThat(list.json()).hasSize(2);
        JsonNode first = list.json().get(0);
        assertThat(first.get("id").asLong()).isEqualTo(created.get("id").asLong());
        assertThat(first.get("name").asText()).isEqualTo("listed");
        assertThat(first.get("apiKey").asText()).isEqualTo(created.get("apiKey").asText());
        assertThat(first.has("createdAt")).isTrue();
        assertThat(first.has("expiresAt")).isTrue();
        assertThat(first.has("lastUsedAt")).isTrue();
        assertThat(list.body()).doesNotContain(created.get("secretKey").asText())
                .doesNotContain("secret").doesNotContain("webhookUrl")
                .doesNotContain(other.key().apiKey());
    }

    @Test
    void deleting_a_key_makes_the_very_next_webhook_request_fail_with_401() {
        Trader trader = users.subscribedTrader();
        JsonNode key = as(trader).post("/api/keys", "{}").json();
        String url = key.get("webhookUrl").asText();
        assertThat(http.postJson(url, PLACE.formatted(trader.account())).status()).isEqualTo(200);

        Answer deleted = as(trader).delete("/api/keys/" + key.get("id").asLong());

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        Answer refused = http.postJson(url, PLACE.formatted(trader.account()));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errmsg()).isEqualTo("invalid webhook key");
        assertThat(as(trader).get("/api/keys").body()).doesNotContain(key.get("apiKey").asText());
        assertThat(as(trader).delete("/api/keys/" + key.get("id").asLong()).status()).isEqualTo(404);
    }

    @Test
    void a_key_of_another_user_cannot_be_deleted_and_keeps_working() {
        Trader owner = users.subscribedTrader();
        Trader intruder = users.subscribedTrader();

        Answer refused = as(intruder).delete("/api/keys/" + owner.key().id());

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().get("s").asText()).isEqualTo("error");
        assertThat(refused.errmsg()).isEqualTo("no such key");
        assertThat(as(intruder).delete("/api/keys/not-a-number").status()).isEqualTo(404);
        assertThat(http.postJson(owner.webhookPath(), PLACE.formatted(owner.account())).status()).isEqualTo(200);
    }

    @Test
    void an_expired_key_is_rejected_by_the_webhook() throws Exception {
        Trader trader = users.subscribedTrader();
        JsonNode key = as(trader).post("/api/keys",
                "{\"expiresAt\":\"" + Instant.now().plus(1, ChronoUnit.HOURS) + "\"}").json();
        String url = key.get("webhookUrl").asText();
        assertThat(http.postJson(url, PLACE.formatted(trader.account())).status()).isEqualTo(200);

        // the hour passes
        try (var c = dataSource().getConnection();
             var update = c.prepareStatement("update webhook_key set expires_at = now() - interval '1 second' where id = ?")) {
            update.setLong(1, key.get("id").asLong());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        // changed in the database behind the gateway's back: its key cache hears of it by notification
        await().atMost(Duration.ofSeconds(10)).until(() -> http.postJson(url, PLACE.formatted(trader.account())).status() == 401);
        Answer refused = http.postJson(url, PLACE.formatted(trader.account()));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errmsg()).isEqualTo("invalid webhook key");
    }

    @Test
    void every_call_without_a_login_is_refused_with_401() {
        Trader trader = users.subscribedTrader();
        ApiCaller nobody = ApiCaller.anonymous(http);
        ApiCaller wrongPassword = ApiCaller.as(http, trader.login(), "not-the-password");

        for (Answer answer : new Answer[] {nobody.get("/api/keys"), nobody.post("/api/keys", "{}"),
                nobody.delete("/api/keys/" + trader.key().id()), nobody.get("/api/requests"),
                wrongPassword.get("/api/keys"), ApiCaller.as(http, "nobody-here", "x").get("/api/keys")}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().get("s").asText()).isEqualTo("error");
            assertThat(answer.errmsg()).startsWith("login required");
        }
        assertThat(http.postJson(trader.webhookPath(), PLACE.formatted(trader.account())).status()).isEqualTo(200);
    }

    @Test
    void bad_input_is_a_400_that_says_what_is_wrong() {
        Trader trader = users.subscribedTrader();
        ApiCaller api = as(trader);

        assertBadRequest(api.post("/api/keys", "{\"name\":\"" + "x".repeat(65) + "\"}"),
                "name is too long: at most 64 characters");
        assertBadRequest(api.post("/api/keys", "{\"expiresAt\":\"" + Instant.now().minusSeconds(60) + "\"}"),
                "expiresAt must be in the future");
        assertBadRequest(api.post("/api/keys", "{\"expiresAt\":\"tomorrow\"}"),
                "expiresAt must be an ISO-8601 date-time with offset, such as 2027-01-31T00:00:00Z");
        // year +294277 is past PostgreSQL's timestamps and wraps into the past through JDBC: a 400, never a 503
        assertBadRequest(api.post("/api/keys", "{\"expiresAt\":\"+294277-01-01T00:00:00Z\"}"),
                "expiresAt must be a date-time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
        assertBadRequest(api.post("/api/keys", "{\"expiresAt\":\"+999999999-12-31T23:59:59Z\"}"),
                "expiresAt must be a date-time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
        assertBadRequest(api.post("/api/keys", "{\"name\":"), "malformed JSON: the body must be one JSON object");
        assertBadRequest(api.post("/api/keys", "{\"name\":\"a\",\"name\":\"b\"}"),
                "malformed JSON: the body must be one JSON object");
        assertBadRequest(api.post("/api/keys", "[]"), "the body must be a JSON object");
        assertBadRequest(api.post("/api/keys", "{\"name\":5}"), "name must be a string");
        assertBadRequest(api.post("/api/keys", "{\"secretKey\":\"mine\"}"),
                "unknown field in the body; allowed: ");
        assertBadRequest(api.post("/api/keys", "{\"name\":\"tab\\there\"}"), "name must not contain control characters");
        Answer form = api.call("POST", "/api/keys", "{\"name\":\"x\"}", "application/x-www-form-urlencoded");
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.errmsg()).isEqualTo("unsupported Content-Type: send the body as JSON with Content-Type: application/json");
        // text/plain is what a form on another site can send without asking: refused like any non-JSON body
        assertThat(api.call("POST", "/api/keys", "{\"name\":\"as text\"}", "text/plain").status()).isEqualTo(415);
        assertThat(api.call("POST", "/api/keys", null, null).status()).isEqualTo(415);
        assertThat(api.post("/api/keys", "{\"name\":\"" + "x".repeat(64) + "\"}").status()).isEqualTo(201);
        assertThat(api.get("/api/keys").json()).hasSize(2);
    }

    @Test
    void a_user_gets_at_most_the_key_cap_even_when_creating_keys_concurrently() throws Exception {
        Trader trader = users.subscribedTrader(); // holds one key already
        String cookie = sessionCookie(trader);

        List<Answer> created = Concurrently.run(30, i -> http.send(HttpRequest.newBuilder(
                        URI.create(http.baseUrl() + "/api/keys")).version(HttpClient.Version.HTTP_1_1)
                .header("Cookie", cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"k" + i + "\"}"))));

        assertThat(created).filteredOn(a -> a.status() == 201).hasSize(19);
        assertThat(created).filteredOn(a -> a.status() != 201).allSatisfy(refused -> {
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.errmsg()).isEqualTo("key limit reached: at most 20 keys per user; delete one to create another");
        });
        assertThat(sql.number("select count(*) from webhook_key where user_id = ? and deleted_at is null",
                trader.userId())).isEqualTo(20);
        // a deleted key frees its place
        assertThat(as(trader).delete("/api/keys/" + trader.key().id()).status()).isEqualTo(204);
        assertThat(as(trader).post("/api/keys", "{}").status()).isEqualTo(201);
    }

    @Test
    void the_key_list_pages_with_limit_and_offset_and_is_the_whole_array_without_them() {
        Trader trader = users.subscribedTrader();
        ApiCaller api = as(trader);
        for (int i = 0; i < 4; i++) {
            assertThat(api.post("/api/keys", "{\"name\":\"page-" + i + "\"}").status()).isEqualTo(201);
        }

        JsonNode all = api.get("/api/keys").json();
        JsonNode first = api.get("/api/keys?limit=2").json();
        JsonNode second = api.get("/api/keys?limit=2&offset=2").json();
        JsonNode last = api.get("/api/keys?limit=2&offset=4").json();

        assertThat(all.isArray()).isTrue();
        assertThat(all).hasSize(5);
        assertThat(first).hasSize(2);
        assertThat(first.get(0).get("name").asText()).isEqualTo("page-3");
        assertThat(second.get(0).get("id")).isEqualTo(all.get(2).get("id"));
        assertThat(last).hasSize(1);
        assertThat(api.get("/api/keys?limit=0").errmsg()).isEqualTo("limit must be a whole number from 1 to 200");
        assertThat(api.get("/api/keys?offset=-1").errmsg()).isEqualTo("offset must be a whole number from 0 to 1000000");
    }

    private String sessionCookie(Trader trader) throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(http.baseUrl() + "/api/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"" + trader.login()
                        + "\",\"password\":\"secret-" + trader.login() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static void assertBadRequest(Answer answer, String errmsgStart) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("s").asText()).isEqualTo("error");
        assertThat(answer.errmsg()).startsWith(errmsgStart);
    }
}
