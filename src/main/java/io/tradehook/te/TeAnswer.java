package io.tradehook.te;

import com.fasterxml.jackson.databind.JsonNode;

/** TE's answer to a call: the HTTP status and the JSON body ({@code {"s":"ok","d":...}} or an error). */
record TeAnswer(int status, JsonNode body) {

    boolean ok() {
        return status / 100 == 2 && "ok".equals(body.path("s").asText());
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
