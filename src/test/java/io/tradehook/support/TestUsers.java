package io.tradehook.support;

import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.tradehook.keys.CreatedKey;
import io.tradehook.keys.KeyIssuer;
import io.tradehook.keys.KeyRepository;
import io.tradehook.users.UserRepository;

/** Users, accounts, subscriptions and keys made through the production repositories. */
public final class TestUsers {

    /** A subscribed user with one account of the same name as the login, and a key. */
    public record Trader(long userId, String login, String account, CreatedKey key) {

        public String webhookPath() {
            return "/webhook/" + key.apiKey() + "/" + key.secretKey();
        }
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private final UserRepository users;
    private final KeyIssuer keys;
    private final KeyRepository keyRepository;

    public TestUsers(DataSource dataSource, String publicUrl) {
        this.users = new UserRepository(dataSource);
        this.keyRepository = new KeyRepository(dataSource);
        this.keys = new KeyIssuer(keyRepository, publicUrl);
    }

    public Trader subscribedTrader() {
        return trader(true);
    }

    public Trader trader(boolean subscribed) {
        try {
            String login = "trader" + SEQUENCE.incrementAndGet();
            long userId = users.ensureUser(login, "secret-" + login);
            users.ensureAccount(userId, login);
            if (subscribed) {
                users.ensureSubscribed(userId);
            }
            return new Trader(userId, login, login, keys.create(userId, "", null));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public CreatedKey newKey(long userId, Instant expiresAt) {
        try {
            return keys.create(userId, "", expiresAt);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void deleteKey(long userId, long keyId) {
        try {
            keyRepository.delete(userId, keyId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void endSubscription(long userId) {
        try {
            users.endSubscription(userId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
