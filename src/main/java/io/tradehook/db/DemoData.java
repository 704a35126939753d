package io.tradehook.db;

import java.sql.SQLException;

import javax.sql.DataSource;

import io.tradehook.users.UserRepository;

/** The embedded database's demo user: login {@code demo}, password {@code demo}, account {@code demo}, subscribed. */
final class DemoData {

    static final String LOGIN = "demo";
    /**
     * {@code PasswordHasher.hash("demo")}, computed once: the demo password is public, and hashing it on the first
     * start of every installation cost half a second of the start-up's critical path.
     */
    private static final String PASSWORD_HASH = "pbkdf2-sha256$210000$slHm0aw1x/48wP3RcVHCDg$"
            + "NsEcspJeJSe3IO+jQamTWuJ+84imSBEQNGpYhfdH628";

    private DemoData() {
    }

    static void seed(DataSource dataSource) {
        UserRepository users = new UserRepository(dataSource);
        try {
            long userId = users.ensureUserWithHash(LOGIN, PASSWORD_HASH);
            users.ensureAccount(userId, "demo");
            users.ensureSubscribed(userId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed the demo user", e);
        }
    }
}
