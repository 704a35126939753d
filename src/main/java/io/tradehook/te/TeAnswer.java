package io.tradehook.te;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * TE's answer to a call: the HTTP status, the JSON body ({@code {"s":"ok","d":...}} or an error) and the seconds
 * of its {@code Retry-After} header (0 when it sent none).
 */
record TeAnswer(int status, JsonNode body, long retryAfterSeconds) {

    boolean ok() {
        return status / 100 == 2 && "ok".equals(body.path("s").asText());
    }

    /** TE refused the call for its request limits: nothing was done. */
    boolean tooManyRequests() {
        return status == 429;
    }

    JsonNode data() {
        return body.path("d");
    }

    /** TE's own message, cut to a sane length and stripped of control characters: it is shown to the trader. */
    String errmsg() {
        String text = body.path("errmsg").asText("");
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        if (clean.isEmpty()) {
            return "the broker refused the request";
        }
        return clean.length() > 300 ? clean.substring(0, 300) : clean;
    }
}
