package io.tradehook.webhook;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.tradehook.keys.KeyCache;
import io.tradehook.keys.KeyMaterial;
import io.tradehook.keys.KeyOwner;
import io.tradehook.keys.KeyRepository.StoredKey;
import io.tradehook.keys.PresentedKey;
import io.tradehook.ratelimit.UserRateLimit;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;
import io.tradehook.common.Rejection;

/** Authenticates the presented key pair against the stored keys and checks its owner's subscription. */
public final class KeyAuthenticator {

    /** Set once the key pair and its owner's subscription passed. */
    static final String AUTHENTICATED = "keyAuthenticated";

    static final String PAUSED = "webhook key paused by its owner: resume it in the panel or with "
            + "POST /api/keys/{id}/resume";

    /** Compared against when the API key is unknown, so unknown and wrong-secret cost the same work. */
    private static final byte[] NO_HASH = KeyMaterial.hash("no-such-key");

    private final KeyCache keys;
    private final BadKeyLimit badKeys;
    private final UserRateLimit userRateLimit;

    public KeyAuthenticator(KeyCache keys) {
        this(keys, new BadKeyLimit(0, Duration.ofMinutes(1), Clock.systemUTC()),
                new UserRateLimit(0, Duration.ofMinutes(1), Clock.systemUTC()));
    }

    public KeyAuthenticator(KeyCache keys, BadKeyLimit badKeys, UserRateLimit userRateLimit) {
        this.keys = keys;
        this.badKeys = badKeys;
        this.userRateLimit = userRateLimit;
    }

    /**
     * Unknown key, wrong secret, expired or deleted key: one status (401), one message. Then the owner's Trading
     * Webhooks subscription (403), whether the owner paused the key (403), and the user's rate limit over all their
     * keys (429; a paused key's alerts spend none of it). The owner is set on the exchange before those checks, so
     * the request record names the key whatever comes next.
     */
    public void authenticate(@Variable(WebhookIngress.PRESENTED_KEY) PresentedKey presented, Exchange exchange)
            throws SQLException {
        // the secret leaves the exchange as soon as it has been checked
        exchange.removeVariable(WebhookIngress.PRESENTED_KEY);
        String address = exchange.getVariable(RequestLog.SOURCE_ADDRESS, String.class);
        if (presented == null || !KeyMaterial.isWellFormed(presented.apiKey())) {
            // no key at all: nobody's request, counted rather than recorded
            exchange.setVariable(RequestLog.ANONYMOUS, Boolean.TRUE);
            throw unknownKey(address);
        }
        if (!KeyMaterial.isWellFormed(presented.secret())) {
            throw Rejection.badKey(); // refused without a query
        }
        // anonymous until the key is found (a 429 for an address past its bad-key limit is too)
        exchange.setVariable(RequestLog.ANONYMOUS, Boolean.TRUE);
        Optional<StoredKey> found = lookUp(presented.apiKey(), address);
        boolean secretMatches = KeyMaterial.matches(presented.secret(), found.map(StoredKey::secretHash).orElse(NO_HASH));
        if (found.isEmpty()) {
            throw unknownKey(address);
        }
        exchange.removeVariable(RequestLog.ANONYMOUS);
        if (!secretMatches || !found.get().usable(Instant.now())) {
            // a key of someone's, deleted or guessed at: not counted against the address (an alert still sent with a
            // deleted key from TradingView's few addresses must not shut them for everyone)
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

    private void admit(StoredKey key, Exchange exchange) {
        KeyOwner owner = new KeyOwner(key.keyId(), key.userId(), key.accounts(), key.limits());
        exchange.setVariable(RequestLog.KEY_OWNER, owner);
        if (!key.subscribed()) {
            throw Rejection.forbidden("the Trading Webhooks subscription of this key's user is not active");
        }
        if (key.paused()) {
            // a 4xx: TradingView does not resend it, so a paused strategy's alerts are dropped, not queued
            throw Rejection.forbidden(PAUSED);
        }
        // all the user's keys together: many keys do not multiply a budget (a 429, recorded against the key)
        userRateLimit.hit(key.userId());
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

    /** An address past its bad-key limit gets keys from memory only: a guess costs it no query, but a 429. */
    private Optional<StoredKey> lookUp(String apiKey, String address) throws SQLException {
        long blockedFor = badKeys.blockedFor(address);
        if (blockedFor == 0) {
            return keys.find(apiKey);
        }
        Optional<StoredKey> inMemory = keys.findInMemory(apiKey);
        if (inMemory.isEmpty()) {
            throw Rejection.tooManyRequests(badKeys.message(), blockedFor);
        }
        return inMemory;
    }

    private Rejection unknownKey(String address) {
        badKeys.count(address);
        return Rejection.badKey();
    }
}
