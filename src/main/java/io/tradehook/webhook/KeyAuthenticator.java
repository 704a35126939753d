package io.tradehook.webhook;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import io.tradehook.keys.KeyCache;
import io.tradehook.keys.KeyMaterial;
import io.tradehook.keys.KeyOwner;
import io.tradehook.keys.KeyRepository.StoredKey;
import io.tradehook.keys.PresentedKey;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;

/** Authenticates the presented key pair against the stored keys and checks its owner's subscription. */
public final class KeyAuthenticator {

    /** Set once the key pair and its owner's subscription passed. */
    static final String AUTHENTICATED = "keyAuthenticated";

    static final String PAUSED = "webhook key paused by its owner: resume it in the panel or with "
            + "POST /api/keys/{id}/resume";

    /** Compared against when the API key is unknown, so unknown and wrong-secret cost the same work. */
    private static final byte[] NO_HASH = KeyMaterial.hash("no-such-key");

    private final KeyCache keys;

    public KeyAuthenticator(KeyCache keys) {
        this.keys = keys;
    }

    /**
     * Unknown key, wrong secret, expired or deleted key: one status (401), one message. Then the owner's Trading
     * Webhooks subscription (403), and whether the owner paused the key (403). The owner is set on the exchange before that check, so the request record
     * names the key whatever comes next.
     */
    public void authenticate(@Variable(WebhookIngress.PRESENTED_KEY) PresentedKey presented, Exchange exchange)
            throws SQLException {
        // the secret leaves the exchange as soon as it has been checked
        exchange.removeVariable(WebhookIngress.PRESENTED_KEY);
        if (presented == null || !KeyMaterial.isWellFormed(presented.apiKey()) || !KeyMaterial.isWellFormed(presented.secret())) {
            throw Rejection.badKey();
        }
        Optional<StoredKey> found = keys.find(presented.apiKey());
        boolean secretMatches = KeyMaterial.matches(presented.secret(), found.map(StoredKey::secretHash).orElse(NO_HASH));
        if (found.isEmpty() || !secretMatches || !found.get().usable(Instant.now())) {
            throw Rejection.badKey();
        }
        admit(found.get(), exchange);
    }

    /**
     * A key its owner is logged in for (a test alert from the panel): the owner stands in for the secret; the
     * subscription and the pause are checked as for a webhook. 404 unless it is the user's usable key.
     */
    public void authenticateOwnKey(String apiKey, long userId, Exchange exchange) throws SQLException {
        Optional<StoredKey> found = keys.find(apiKey);
        if (found.isEmpty() || found.get().userId() != userId || !found.get().usable(Instant.now())) {
            throw Rejection.notFound("no such key");
        }
        exchange.setVariable(RequestLog.API_KEY, apiKey);
        admit(found.get(), exchange);
    }

    private static void admit(StoredKey key, Exchange exchange) {
        KeyOwner owner = new KeyOwner(key.keyId(), key.userId(), key.accounts(), key.limits());
        exchange.setVariable(RequestLog.KEY_OWNER, owner);
        if (!key.subscribed()) {
            throw Rejection.forbidden("the Trading Webhooks subscription of this key's user is not active");
        }
        if (key.paused()) {
            // a 4xx: TradingView does not resend it, so a paused strategy's alerts are dropped, not queued
            throw Rejection.forbidden(PAUSED);
        }
        exchange.setVariable(AUTHENTICATED, true);
    }

    /**
     * The order pipeline's entry: every alert source authenticates in its own ingress (before its own parsing, so a
     * bad key is a 401 whatever the body), and a source that did not is refused as a bad key rather than trusted.
     */
    public void requireAuthenticated(@Variable(AUTHENTICATED) Boolean authenticated) {
        if (!Boolean.TRUE.equals(authenticated)) {
            throw Rejection.badKey();
        }
    }
}
