package io.tradehook.keys;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

/** Webhook keys in PostgreSQL. */
public final class KeyRepository {

    /**
     * A key as the webhook path sees it: one round trip gives the key, its owner's subscription and accounts, and
     * the restrictions set on it. {@code subscribed} holds until {@code subscriptionChangesAt} (the next start or
     * end of one of the owner's subscriptions; null: none planned), so a copy kept in memory knows when it is stale.
     */
    public record StoredKey(long keyId, long userId, byte[] secretHash, boolean deleted, Instant expiresAt,
                            boolean subscribed, Instant subscriptionChangesAt, Map<String, Long> accounts,
                            KeyLimits limits, boolean paused) {

        /** Not deleted and not expired at {@code now}: the expiry is checked on every request, not when loaded. */
        public boolean usable(Instant now) {
            return !deleted && (expiresAt == null || now.isBefore(expiresAt));
        }

        /** Whether {@code subscribed} still holds at {@code now}. */
        boolean currentAt(Instant now) {
            return subscriptionChangesAt == null || now.isBefore(subscriptionChangesAt);
        }
    }

    private static final String FIND_FOR_WEBHOOK = """
            select k.id, k.user_id, k.secret_hash, k.deleted_at is not null as deleted, k.expires_at,
                   k.paused_at is not null as paused,
                   exists (select 1 from product_subscription s
                            where s.user_id = k.user_id and s.product = 'TRADING_WEBHOOKS'
                              and s.starts_at <= now() and (s.ends_at is null or s.ends_at > now())) as subscribed,
                   (select min(t) from product_subscription s, lateral (values (s.starts_at), (s.ends_at)) v (t)
                     where s.user_id = k.user_id and s.product = 'TRADING_WEBHOOKS' and t > now()) as subscription_changes_at,
                   array (select a.name from trading_account a where a.user_id = k.user_id order by a.id) as account_names,
                   array (select a.id from trading_account a where a.user_id = k.user_id order by a.id) as account_ids,
                   %s
              from webhook_key k
              left join webhook_key_restriction r on r.key_id = k.id
             where k.api_key = ?""".formatted(KeyLimitsRepository.COLUMNS);

    private final DataSource dataSource;

    public KeyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<StoredKey> findForWebhook(String apiKey) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(FIND_FOR_WEBHOOK)) {
            select.setString(1, apiKey);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredKey(rs.getLong("id"), rs.getLong("user_id"), rs.getBytes("secret_hash"),
                        rs.getBoolean("deleted"), instant(rs.getTimestamp("expires_at")), rs.getBoolean("subscribed"),
                        instant(rs.getTimestamp("subscription_changes_at")),
                        accounts(rs.getArray("account_names"), rs.getArray("account_ids")), KeyLimitsRepository.read(rs),
                        rs.getBoolean("paused")));
            }
        }
    }

    private static Map<String, Long> accounts(Array names, Array ids) throws SQLException {
        String[] n = (String[]) names.getArray();
        Long[] i = (Long[]) ids.getArray();
        Map<String, Long> accounts = new LinkedHashMap<>();
        for (int k = 0; k < n.length; k++) {
            accounts.put(n[k], i[k]);
        }
        return Map.copyOf(accounts);
    }

    /** Stores a new key (hash of the secret only) and returns its row. */
    public WebhookKey insert(long userId, String name, String apiKey, byte[] secretHash, Instant expiresAt)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     insert into webhook_key (user_id, name, api_key, secret_hash, expires_at) values (?, ?, ?, ?, ?)
                     returning id, name, api_key, created_at, expires_at, last_used_at, paused_at""")) {
            bindKey(insert, userId, name, apiKey, secretHash, expiresAt);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return row(rs);
            }
        }
    }

    /** The new key's five columns, the first parameters of both inserts. */
    private static void bindKey(PreparedStatement insert, long userId, String name, String apiKey, byte[] secretHash,
                                Instant expiresAt) throws SQLException {
        insert.setLong(1, userId);
        insert.setString(2, name);
        insert.setString(3, apiKey);
        insert.setBytes(4, secretHash);
        insert.setTimestamp(5, expiresAt == null ? null : Timestamp.from(expiresAt));
    }

    /**
     * Stores a new key unless the user already has {@code maxKeys} keys that are not deleted (empty then). The
     * user's row is locked first, so concurrent creations of one user are counted one after the other: the count
     * is read by a statement that starts after the lock is held, and sees the keys committed before.
     */
    public Optional<WebhookKey> insertWithin(long userId, String name, String apiKey, byte[] secretHash,
                                             Instant expiresAt, int maxKeys) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("select 1 from app_user where id = ? for update")) {
                    lock.setLong(1, userId);
                    lock.executeQuery().close();
                }
                Optional<WebhookKey> stored = Optional.empty();
                try (PreparedStatement insert = c.prepareStatement("""
                        insert into webhook_key (user_id, name, api_key, secret_hash, expires_at)
                        select ?, ?, ?, ?, ?
                         where (select count(*) from webhook_key where user_id = ? and deleted_at is null) < ?
                        returning id, name, api_key, created_at, expires_at, last_used_at, paused_at""")) {
                    bindKey(insert, userId, name, apiKey, secretHash, expiresAt);
                    insert.setLong(6, userId);
                    insert.setInt(7, maxKeys);
                    try (ResultSet rs = insert.executeQuery()) {
                        if (rs.next()) {
                            stored = Optional.of(row(rs));
                        }
                    }
                }
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The user's keys that are not deleted, newest first. */
    public List<WebhookKey> listActive(long userId) throws SQLException {
        return listActive(userId, Integer.MAX_VALUE, 0);
    }

    /** One page of the user's keys that are not deleted, newest first. */
    public List<WebhookKey> listActive(long userId, int limit, long offset) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     select id, name, api_key, created_at, expires_at, last_used_at, paused_at from webhook_key
                      where user_id = ? and deleted_at is null order by created_at desc, id desc
                      limit ? offset ?""")) {
            select.setLong(1, userId);
            select.setInt(2, limit);
            select.setLong(3, offset);
            try (ResultSet rs = select.executeQuery()) {
                List<WebhookKey> keys = new ArrayList<>();
                while (rs.next()) {
                    keys.add(row(rs));
                }
                return keys;
            }
        }
    }

    /** The API key of the user's key (not deleted), to look it up as the webhook path does; empty if not the user's. */
    public Optional<String> apiKeyOf(long userId, long keyId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "select api_key from webhook_key where id = ? and user_id = ? and deleted_at is null")) {
            select.setLong(1, keyId);
            select.setLong(2, userId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Revokes the key if it is the user's and not already deleted; false otherwise. */
    public boolean delete(long userId, long keyId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement(
                     "update webhook_key set deleted_at = now() where id = ? and user_id = ? and deleted_at is null")) {
            update.setLong(1, keyId);
            update.setLong(2, userId);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Pauses ({@code paused}) or resumes the user's key; pausing a paused key keeps its first pause time. The key's
     * row, or empty when it is not the user's or deleted.
     */
    public Optional<WebhookKey> setPaused(long userId, long keyId, boolean paused) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("""
                     update webhook_key set paused_at = case when ? then coalesce(paused_at, now()) end
                      where id = ? and user_id = ? and deleted_at is null
                     returning id, name, api_key, created_at, expires_at, last_used_at, paused_at""")) {
            update.setBoolean(1, paused);
            update.setLong(2, keyId);
            update.setLong(3, userId);
            try (ResultSet rs = update.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** Pauses or resumes every key of the user (not deleted) in one statement; how many changed. */
    public int setAllPaused(long userId, boolean paused) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("""
                     update webhook_key set paused_at = case when ? then now() end
                      where user_id = ? and deleted_at is null and (paused_at is null) = ?""")) {
            update.setBoolean(1, paused);
            update.setLong(2, userId);
            update.setBoolean(3, paused);
            return update.executeUpdate();
        }
    }

    private static WebhookKey row(ResultSet rs) throws SQLException {
        return new WebhookKey(rs.getLong("id"), rs.getString("name"), rs.getString("api_key"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("paused_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
