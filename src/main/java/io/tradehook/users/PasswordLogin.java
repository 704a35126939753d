package io.tradehook.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Checks a login and password. Every failure looks the same to the caller (unknown login, wrong password, login
 * blocked), and costs the same PBKDF2 work. After {@code maxFailures} wrong passwords in a row the login is
 * refused for {@code lockout}, whatever password comes, so guessing runs at a few tries a minute at most.
 */
public final class PasswordLogin {

    private final DataSource dataSource;
    private final int maxFailures;
    private final Duration lockout;

    public PasswordLogin(DataSource dataSource, int maxFailures, Duration lockout) {
        this.dataSource = dataSource;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    /** The user when login and password match and the login is not blocked; empty otherwise. */
    public Optional<User> verify(String login, String password) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     select id, login, password_hash, coalesce(login_blocked_until > now(), false) as blocked
                       from app_user where login = ?""")) {
            select.setString(1, login);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    // an unknown login takes as long as a wrong password
                    PasswordHasher.matches(password, PasswordHasher.UNMATCHABLE);
                    return Optional.empty();
                }
                boolean matches = PasswordHasher.matches(password, rs.getString("password_hash"));
                long id = rs.getLong("id");
                if (rs.getBoolean("blocked")) {
                    return Optional.empty();
                }
                if (!matches) {
                    recordFailure(c, id);
                    return Optional.empty();
                }
                resetFailures(c, id);
                return Optional.of(new User(id, rs.getString("login")));
            }
        }
    }

    private void recordFailure(Connection c, long userId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                update app_user
                   set login_blocked_until = case when failed_logins + 1 >= ? then now() + make_interval(secs => ?)
                                                  else login_blocked_until end,
                       failed_logins = case when failed_logins + 1 >= ? then 0 else failed_logins + 1 end
                 where id = ?""")) {
            update.setInt(1, maxFailures);
            update.setDouble(2, lockout.toMillis() / 1000.0);
            update.setInt(3, maxFailures);
            update.setLong(4, userId);
            update.executeUpdate();
        }
    }

    private static void resetFailures(Connection c, long userId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update app_user set failed_logins = 0 where id = ? and failed_logins <> 0")) {
            update.setLong(1, userId);
            update.executeUpdate();
        }
    }
}
