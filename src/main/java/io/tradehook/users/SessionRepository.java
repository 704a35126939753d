package io.tradehook.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import io.tradehook.keys.KeyMaterial;

/**
 * Panel sessions. The token is 256 random bits handed to the browser once (in a cookie); only its SHA-256 is
 * stored, so a copy of the table opens no session. Looked up on every request: a logout ends it at once.
 */
public final class SessionRepository {

    private final DataSource dataSource;
    private final Duration ttl;

    public SessionRepository(DataSource dataSource, Duration ttl) {
        this.dataSource = dataSource;
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Starts a session for the user and returns its token; the user's expired sessions are dropped on the way. */
    public String start(long userId) throws SQLException {
        String token = KeyMaterial.newSecret();
        try (Connection c = dataSource.getConnection();
             PreparedStatement purge = c.prepareStatement(
                     "delete from user_session where user_id = ? and expires_at <= now()");
             PreparedStatement insert = c.prepareStatement(
                     "insert into user_session (user_id, token_hash, expires_at) values (?, ?, ?)")) {
            purge.setLong(1, userId);
            purge.executeUpdate();
            insert.setLong(1, userId);
            insert.setBytes(2, KeyMaterial.hash(token));
            insert.setTimestamp(3, Timestamp.from(Instant.now().plus(ttl)));
            insert.executeUpdate();
        }
        return token;
    }

    public Optional<User> find(String token) throws SQLException {
        if (!KeyMaterial.isWellFormed(token)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     select u.id, u.login from user_session s join app_user u on u.id = s.user_id
                      where s.token_hash = ? and s.expires_at > now()""")) {
            select.setBytes(1, KeyMaterial.hash(token));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new User(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    public void end(String token) throws SQLException {
        if (!KeyMaterial.isWellFormed(token)) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("delete from user_session where token_hash = ?")) {
            delete.setBytes(1, KeyMaterial.hash(token));
            delete.executeUpdate();
        }
    }
}
