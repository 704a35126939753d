package io.tradehook.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehook.support.WebhookClient.Answer;

/** Assertions on the {@code s}/{@code d}/{@code errmsg} envelope every answer carries. */
public final class EnvelopeAssertions {

    private EnvelopeAssertions() {
    }

    /** A JSON error envelope with this status and nothing else in it; returns its errmsg. */
    public static String assertError(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as("Content-Type of " + answer.body()).startsWith("application/json");
        JsonNode json = answer.json();
        assertThat(json.path("s").asText()).isEqualTo("error");
        assertThat(json.has("d")).isFalse();
        assertThat(json.path("errmsg").asText()).isNotBlank();
        return json.path("errmsg").asText();
    }

    /** A 200 ok envelope; returns its {@code d}. */
    public static JsonNode assertOk(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().path("s").asText()).isEqualTo("ok");
        return answer.json().path("d");
    }
}
