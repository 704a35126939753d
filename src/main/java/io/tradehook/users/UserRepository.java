package io.tradehook.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

/** Gateway users, their trading accounts and their product subscriptions. */
public final class UserRepository {

    public static final String TRADING_WEBHOOKS = "TRADING_WEBHOOKS";

    private final DataSource dataSource;

    public UserRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the user, or returns the existing one's id (the password of an existing user is left as it is). */
    public long ensureUser(String login, String password) throws SQLException {
        return ensureUser(login, () -> PasswordHasher.hash(password));
    }

    /** As {@link #ensureUser(String, String)}, with the password's {@link PasswordHasher} hash given. */
    public long ensureUserWithHash(String login, String passwordHash) throws SQLException {
        return ensureUser(login, () -> passwordHash);
    }

    private long ensureUser(String login, Supplier<String> passwordHash) throws SQLException {
        Optional<Long> existing = findUserId(login);
        if (existing.isPresent()) {
            return existing.get();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "insert into app_user (login, password_hash) values (?, ?) on conflict (login) do nothing")) {
            insert.setString(1, login);
            insert.setString(2, passwordHash.get());
            insert.executeUpdate();
        }
        return findUserId(login).orElseThrow();
    }

    public Optional<Long> findUserId(String login) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("select id from app_user where login = ?")) {
            select.setString(1, login);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The names of the user's trading accounts, oldest first. */
    public List<String> accountNames(long userId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("select name from trading_account where user_id = ? order by id")) {
            select.setLong(1, userId);
            try (ResultSet rs = select.executeQuery()) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                return names;
            }
        }
    }

    /** Adds a trading account to the user; an account name belongs to one user only. */
    public void ensureAccount(long userId, String accountName) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "insert into trading_account (user_id, name) values (?, ?) on conflict (name) do nothing")) {
            insert.setLong(1, userId);
            insert.setString(2, accountName);
            insert.executeUpdate();
        }
    }

    /** Starts an open-ended Trading Webhooks subscription unless one is already active. */
    public void ensureSubscribed(long userId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     insert into product_subscription (user_id, product)
                     select ?, ? where not exists (
                         select 1 from product_subscription
                          where user_id = ? and product = ? and (ends_at is null or ends_at > now()))""")) {
            insert.setLong(1, userId);
            insert.setString(2, TRADING_WEBHOOKS);
            insert.setLong(3, userId);
            insert.setString(4, TRADING_WEBHOOKS);
            insert.executeUpdate();
        }
    }

    /** Ends the user's active Trading Webhooks subscription now; their keys stop working at once. */
    public void endSubscription(long userId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("""
                     update product_subscription set ends_at = greatest(now(), starts_at + interval '1 microsecond')
                      where user_id = ? and product = ? and (ends_at is null or ends_at > now())""")) {
            update.setLong(1, userId);
            update.setString(2, TRADING_WEBHOOKS);
            update.executeUpdate();
        }
    }
}
