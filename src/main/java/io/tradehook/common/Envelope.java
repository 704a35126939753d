package io.tradehook.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Every answer's body: {@code {"s":"ok","d":...}} or {@code {"s":"error","errmsg":"..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(String s, Object d, String errmsg) {

    public static Envelope ok(Object data) {
        return new Envelope("ok", data, null);
    }

    public static Envelope error(String errmsg) {
        return new Envelope("error", null, errmsg);
    }
}
