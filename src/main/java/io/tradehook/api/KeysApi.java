package io.tradehook.api;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.keys.CreatedKey;
import io.tradehook.keys.KeyCache;
import io.tradehook.keys.KeyIssuer;
import io.tradehook.keys.KeyRepository;
import io.tradehook.keys.WebhookKey;
import io.tradehook.users.User;
import io.tradehook.common.Rejection;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;

/** {@code /api/keys}: the caller's webhook keys. Only the creation answer ever holds a secret. */
public final class KeysApi {

    static final String NO_SUCH_KEY = "no such key";

    private final KeyIssuer issuer;
    private final KeyRepository keys;
    static final int MAX_PAGE = 200;

    private final KeyCache keyCache;
    private final int maxKeysPerUser;

    public KeysApi(KeyIssuer issuer, KeyRepository keys, KeyCache keyCache, int maxKeysPerUser) {
        if (maxKeysPerUser < 1) {
            throw new IllegalArgumentException("tradehook.keys.max-per-user must be at least 1, not " + maxKeysPerUser);
        }
        this.issuer = issuer;
        this.keys = keys;
        this.keyCache = keyCache;
        this.maxKeysPerUser = maxKeysPerUser;
    }

    /**
     * {@code {"name"?, "expiresAt"?}}: an empty name gets a generated one; no expiration means none. Content-Type and
     * origin were checked by {@link ApiGuard} before.
     */
    public CreatedKey create(@Variable(ApiAuthenticator.USER) User user, @Body String body) throws SQLException {
        ObjectNode input = ApiInput.object(body, Set.of("name", "expiresAt"));
        String name = ApiInput.text(input, "name").map(String::strip).orElse("");
        if (name.length() > KeyIssuer.MAX_NAME_LENGTH) {
            throw Rejection.badRequest("name is too long: at most " + KeyIssuer.MAX_NAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw Rejection.badRequest("name must not contain control characters");
        }
        Instant expiresAt = ApiInput.instant("expiresAt", ApiInput.text(input, "expiresAt").orElse(null)).orElse(null);
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw Rejection.badRequest("expiresAt must be in the future");
        }
        // a cap: every key is a rate budget of its own and a place in every instance's key cache
        return issuer.createWithin(user.id(), name, expiresAt, maxKeysPerUser).orElseThrow(() -> Rejection.conflict("key limit reached: at most " + maxKeysPerUser + " keys per user; delete one to create another"));
    }

    /**
     * The caller's keys, newest first: all of them (the answer DESIGN.md fixes), or one page with {@code ?limit=}
     * (1-200) and {@code ?offset=}; still a JSON array. Read from the real query string only.
     */
    public List<WebhookKey> list(@Variable(ApiAuthenticator.USER) User user, Exchange exchange) throws SQLException {
        String limit = ApiRequest.query(exchange, "limit");
        String offset = ApiRequest.query(exchange, "offset");
        if (limit == null && offset == null) {
            return keys.listActive(user.id());
        }
        return keys.listActive(user.id(), (int) ApiInput.wholeNumber("limit", limit, 1, MAX_PAGE, MAX_PAGE),
                ApiInput.wholeNumber("offset", offset, 0, 1_000_000, 0));
    }

    /**
     * Revokes the key at once: this instance forgets it here, the others when the database's notification reaches
     * them (their key caches are bypassed whenever they cannot hear it). 404 unless it is the caller's.
     */
    public void delete(@Variable(ApiAuthenticator.USER) User user, Exchange exchange) throws SQLException {
        long keyId = keyId(exchange);
        if (!keys.delete(user.id(), keyId)) {
            throw Rejection.notFound(NO_SUCH_KEY);
        }
        keyCache.forgetKey(keyId);
    }

    /**
     * Pauses the key: its webhooks answer 403 until it is resumed, on every instance at once (the database notifies
     * them as it does for a delete). Pausing a paused key is fine. 404 unless it is the caller's.
     */
    public WebhookKey pause(@Variable(ApiAuthenticator.USER) User user, Exchange exchange) throws SQLException {
        return setPaused(user, keyId(exchange), true);
    }

    public WebhookKey resume(@Variable(ApiAuthenticator.USER) User user, Exchange exchange) throws SQLException {
        return setPaused(user, keyId(exchange), false);
    }

    /** Every key of the caller paused at once: a runaway strategy stopped without knowing which key it uses. */
    public KeysChanged pauseAll(@Variable(ApiAuthenticator.USER) User user) throws SQLException {
        return setAllPaused(user, true);
    }

    public KeysChanged resumeAll(@Variable(ApiAuthenticator.USER) User user) throws SQLException {
        return setAllPaused(user, false);
    }

    /** How many keys a pause-all or resume-all changed. */
    public record KeysChanged(int changed) {
    }

    private WebhookKey setPaused(User user, long keyId, boolean paused) throws SQLException {
        WebhookKey key = keys.setPaused(user.id(), keyId, paused).orElseThrow(() -> Rejection.notFound(NO_SUCH_KEY));
        keyCache.forgetKey(keyId);
        return key;
    }

    private KeysChanged setAllPaused(User user, boolean paused) throws SQLException {
        int changed = keys.setAllPaused(user.id(), paused);
        keyCache.forgetUser(user.id());
        return new KeysChanged(changed);
    }

    /** The key id of the request's own path; 404 when it is no number. */
    static long keyId(Exchange exchange) {
        try {
            return Long.parseLong(ApiRequest.pathId(exchange));
        } catch (NumberFormatException e) {
            throw Rejection.notFound(NO_SUCH_KEY);
        }
    }
}
