package io.tradehook.webhook;

/** How a webhook request ended, as the request record keeps it. */
public record Outcome(int status, String result, String errmsg, String orderId) {

    public static final String OK = "ok";
    public static final String REJECTED = "rejected";
    public static final String FAILED = "failed";
    /** A resend answered with the first request's answer, without calling the broker again. */
    public static final String DUPLICATE = "duplicate";
}
