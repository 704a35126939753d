package io.tradehook.common;

/** How a webhook request ended, as the request record keeps it. */
public record Outcome(int status, String result, String errmsg, String orderId) {

    public static final String OK = "ok";
    public static final String REJECTED = "rejected";
    public static final String FAILED = "failed";
    /** The broker may or may not have acted: a timeout after the request left. */
    public static final String UNKNOWN = "unknown";
    /** A resend answered with the first request's answer, without calling the broker again. */
    public static final String DUPLICATE = "duplicate";
    /** A test alert ({@code "dryRun": true}): every check passed; nothing was sent to the broker. */
    public static final String DRY_RUN = "dry-run";
}
