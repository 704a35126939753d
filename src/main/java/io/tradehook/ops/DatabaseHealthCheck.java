package io.tradehook.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: PostgreSQL answers. Not a liveness check: a database outage makes every instance unready (the load
 * balancer stops sending), but restarting the process would not bring the database back.
 */
final class DatabaseHealthCheck extends AbstractHealthCheck {

    private final DataSource dataSource;
    private final int timeoutSeconds;

    DatabaseHealthCheck(DataSource dataSource, Duration timeout) {
        super("tradehook", "database");
        this.dataSource = dataSource;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        // the pool's connect timeout bounds the wait for a connection; isValid bounds the round trip
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(timeoutSeconds)) {
                builder.up();
            } else {
                builder.down().message("PostgreSQL did not answer within " + timeoutSeconds + " s");
            }
        } catch (SQLException e) {
            builder.down().message("PostgreSQL unavailable (SQLState " + e.getSQLState() + ")");
        }
    }
}
