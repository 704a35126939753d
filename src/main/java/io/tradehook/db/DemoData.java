package io.tradehook.db;

import java.sql.SQLException;

import javax.sql.DataSource;

import io.tradehook.users.UserRepository;

/** The embedded database's demo user: login {@code demo}, password {@code demo}, account {@code demo}, subscribed. */
final class DemoData {

    static final String LOGIN = "demo";

    private DemoData() {
    }

    static void seed(DataSource dataSource) {
        UserRepository users = new UserRepository(dataSource);
        try {
            long userId = users.ensureUser(LOGIN, "demo");
            users.ensureAccount(userId, "demo");
            users.ensureSubscribed(userId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed the demo user", e);
        }
    }
}
