package io.tradehook.te;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehook.common.BrokerFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bearer token for TE: the configured {@code tradehook.te.token}, or one from {@code POST /authorize} with
 * the configured login and password, kept until shortly before its {@code expiration} and dropped after a 401.
 * The token and the password are never logged or put in an error message.
 */
final class TeToken {

    static final String SIGN_IN_REFUSED = "broker refused the gateway's sign-in: contact the gateway operator";
    /** Renew this long before TE's expiration (or at half the lifetime, whichever is sooner). */
    private static final long RENEW_AHEAD_MS = 60_000;

    private static final Logger LOG = LoggerFactory.getLogger(TeToken.class);

    private record Issued(String token, long renewAtMillis) {
        @Override
        public String toString() {
            return "Issued[renewAtMillis=" + renewAtMillis + "]";
        }
    }

    private final TeClient client;
    private final TeSettings settings;
    private Issued current;

    TeToken(TeClient client, TeSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** One sign-in at a time: concurrent requests wait for it rather than signing in again. */
    synchronized String bearer(Deadline deadline) {
        if (settings.token().isPresent()) {
            return settings.token().get();
        }
        if (current == null || System.currentTimeMillis() >= current.renewAtMillis) {
            current = signIn(deadline);
        }
        return current.token;
    }

    /** TE refused this token (401): forget it, unless a newer one replaced it meanwhile. */
    synchronized void expire(String token) {
        if (current != null && current.token.equals(token)) {
            current = null;
        }
    }

    /** A configured token cannot be renewed: a 401 on it is final. */
    boolean renewable() {
        return settings.token().isEmpty();
    }

    private Issued signIn(Deadline deadline) {
        String query = "login=" + encode(settings.login().orElseThrow())
                + "&password=" + encode(settings.password().orElseThrow());
        TeAnswer answer = client.send(TeCall.signIn(query), null, deadline);
        String token = answer.data().path("access_token").asText("");
        if (!answer.ok() || token.isEmpty()) {
            LOG.warn("TE refused the gateway's sign-in (HTTP {})", answer.status());
            throw new BrokerFailure(502, SIGN_IN_REFUSED, false);
        }
        return new Issued(token, renewAt(answer.data().path("expiration")));
    }

    /** Without an expiration the token is kept for the cache lifetime; one already past serves this call only. */
    private long renewAt(JsonNode expiration) {
        long now = System.currentTimeMillis();
        if (!expiration.canConvertToLong()) {
            return now + settings.cacheTtl().toMillis();
        }
        long expiresAt = expiration.asLong() * 1000;
        return Math.max(now, expiresAt - Math.min(RENEW_AHEAD_MS, (expiresAt - now) / 2));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
