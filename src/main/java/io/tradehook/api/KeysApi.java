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
import io.tradehook.webhook.Rejection;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/** {@code /api/keys}: the caller's webhook keys. Only the creation answer ever holds a secret. */
public final class KeysApi {

    static final String NO_SUCH_KEY = "no such key";

    private final KeyIssuer issuer;
    private final KeyRepository keys;
    private final KeyCache keyCache;

    public KeysApi(KeyIssuer issuer, KeyRepository keys, KeyCache keyCache) {
        this.issuer = issuer;
        this.keys = keys;
        this.keyCache = keyCache;
    }

    /** {@code {"name"?, "expiresAt"?}}: an empty name gets a generated one; no expiration means none. */
    public CreatedKey create(@Variable(ApiAuthenticator.USER) User user, @Header(Exchange.CONTENT_TYPE) String contentType,
                             @Body String body) throws SQLException {
        ApiInput.requireJson(contentType);
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
        return issuer.create(user.id(), name, expiresAt);
    }

    public List<WebhookKey> list(@Variable(ApiAuthenticator.USER) User user) throws SQLException {
        return keys.listActive(user.id());
    }

    /**
     * Revokes the key at once: this instance forgets it here, the others when the database's notification reaches
     * them (their key caches are bypassed whenever they cannot hear it). 404 unless it is the caller's.
     */
    public void delete(@Variable(ApiAuthenticator.USER) User user, @Header("id") String id) throws SQLException {
        long keyId = keyId(id);
        if (!keys.delete(user.id(), keyId)) {
            throw Rejection.notFound(NO_SUCH_KEY);
        }
        keyCache.forgetKey(keyId);
    }

    /**
     * Pauses the key: its webhooks answer 403 until it is resumed, on every instance at once (the database notifies
     * them as it does for a delete). Pausing a paused key is fine. 404 unless it is the caller's.
     */
    public WebhookKey pause(@Variable(ApiAuthenticator.USER) User user, @Header("id") String id) throws SQLException {
        return setPaused(user, id, true);
    }

    public WebhookKey resume(@Variable(ApiAuthenticator.USER) User user, @Header("id") String id) throws SQLException {
        return setPaused(user, id, false);
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

    private WebhookKey setPaused(User user, String id, boolean paused) throws SQLException {
        long keyId = keyId(id);
        WebhookKey key = keys.setPaused(user.id(), keyId, paused).orElseThrow(() -> Rejection.notFound(NO_SUCH_KEY));
        keyCache.forgetKey(keyId);
        return key;
    }

    private KeysChanged setAllPaused(User user, boolean paused) throws SQLException {
        int changed = keys.setAllPaused(user.id(), paused);
        keyCache.forgetUser(user.id());
        return new KeysChanged(changed);
    }

    private static long keyId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw Rejection.notFound(NO_SUCH_KEY);
        }
    }
}
