package io.tradehook.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;

/** POST /api/keys/{id}/pause and /resume, /api/keys/pause-all and /resume-all, and what they mean for the webhook. */
class KeyPauseApiTest extends GatewayTestSupport {

    private static final String PLACE = """
            {"action":"place","accountName":"%s","symbol":"ABC","type":"Market","qty":%d,"side":"buy"}""";

    private ApiCaller as(Trader trader) {
        return ApiCaller.as(http, trader.login(), "secret-" + trader.login());
    }

    private Answer place(Trader trader, String path, int qty) {
        return http.postJson(path, PLACE.formatted(trader.account(), qty));
    }

    @Test
    void a_paused_key_answers_403_naming_the_pause_until_it_is_resumed() {
        Trader trader = users.subscribedTrader();

        Answer paused = as(trader).post("/api/keys/" + trader.key().id() + "/pause", null);
        Answer refused = place(trader, trader.webhookPath(), 1);
        Answer listed = as(trader).get("/api/keys");
        Answer resumed = as(trader).post("/api/keys/" + trader.key().id() + "/resume", null);

        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().get("pausedAt").asText()).isNotBlank();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errmsg()).isEqualTo("webhook key paused by its owner: resume it in the panel or with "
                + "POST /api/keys/{id}/resume");
        assertThat(listed.json().get(0).get("pausedAt").asText()).isNotBlank();
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().get("pausedAt").isNull()).isTrue();
        assertThat(place(trader, trader.webhookPath(), 2).status()).isEqualTo(200);
    }

    @Test
    void a_refusal_of_a_paused_key_is_in_the_request_history() {
        Trader trader = users.subscribedTrader();
        as(trader).post("/api/keys/" + trader.key().id() + "/pause", null);

        place(trader, trader.webhookPath(), 3);

        Answer history = as(trader).get("/api/requests");
        assertThat(history.body()).contains("webhook key paused by its owner");
    }

    @Test
    void pause_all_stops_every_key_of_the_caller_and_no_one_elses_and_resume_all_starts_them_again() {
        Trader trader = users.subscribedTrader();
        users.newKey(trader.userId(), null);
        var secondKey = users.newKey(trader.userId(), null);
        String secondPath = "/webhook/" + secondKey.apiKey() + "/" + secondKey.secretKey();
        Trader other = users.subscribedTrader();

        Answer pausedAll = as(trader).post("/api/keys/pause-all", null);

        assertThat(pausedAll.status()).isEqualTo(200);
        assertThat(pausedAll.json().get("changed").asInt()).isEqualTo(3);
        assertThat(place(trader, trader.webhookPath(), 4).status()).isEqualTo(403);
        assertThat(place(trader, secondPath, 5).status()).isEqualTo(403);
        assertThat(place(other, other.webhookPath(), 6).status()).isEqualTo(200);
        assertThat(as(trader).post("/api/keys/pause-all", null).json().get("changed").asInt()).isZero();

        Answer resumedAll = as(trader).post("/api/keys/resume-all", null);

        assertThat(resumedAll.json().get("changed").asInt()).isEqualTo(3);
        assertThat(place(trader, trader.webhookPath(), 7).status()).isEqualTo(200);
        assertThat(place(trader, secondPath, 8).status()).isEqualTo(200);
    }

    @Test
    void pausing_a_key_that_is_not_the_callers_is_404_and_leaves_it_working() {
        Trader owner = users.subscribedTrader();
        Trader stranger = users.subscribedTrader();

        Answer answer = as(stranger).post("/api/keys/" + owner.key().id() + "/pause", null);
        Answer notANumber = as(stranger).post("/api/keys/abc/pause", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errmsg()).isEqualTo("no such key");
        assertThat(notANumber.status()).isEqualTo(404);
        assertThat(place(owner, owner.webhookPath(), 9).status()).isEqualTo(200);
    }

    @Test
    void pausing_without_credentials_is_401() {
        Trader trader = users.subscribedTrader();

        assertThat(ApiCaller.anonymous(http).post("/api/keys/" + trader.key().id() + "/pause", null).status())
                .isEqualTo(401);
        assertThat(ApiCaller.anonymous(http).post("/api/keys/pause-all", null).status()).isEqualTo(401);
    }
}
