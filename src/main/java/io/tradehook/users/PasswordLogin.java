package io.tradehook.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a login and password. Every failure looks the same to the caller (unknown login or wrong password) and
 * costs the same PBKDF2 work. In order: the attempt is reserved with the {@link LoginThrottle} (refused while a delay
 * runs), then takes one of {@code concurrency} permits (refused at once when none is free: a flood of guesses holds at
 * most that many hashing threads, never a carrier of the webhooks' virtual threads), reads the stored hash on a connection it gives back at once, and only then hashes, holding
 * no connection. Failures and throttling are logged (never the password) and counted in
 * {@code tradehook_login_attempts_total{outcome}}.
 */
public final class PasswordLogin {

    /** Refused before the password was checked; {@code retryAfterSeconds} is worth telling the caller. */
    public static final class Refused extends RuntimeException {
        private final long retryAfterSeconds;

        Refused(String message, long retryAfterSeconds) {
            super(message, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(PasswordLogin.class);
    private static final int LOGGED_LOGIN_LENGTH = 64;

    private final DataSource dataSource;
    private final LoginThrottle throttle;
    private final Semaphore checks;
    /**
     * The hashes run on platform threads of their own. On the request's virtual thread a ~60 ms PBKDF2 would hold one
     * of the few carrier threads (one per core) that every webhook runs on, unpreempted; here the operating system
     * shares the cores between hashing and the webhook path.
     */
    private final ExecutorService hashing;
    private final Counter ok;
    private final Counter failed;
    private final Counter throttledLogin;
    private final Counter throttledAddress;
    private final Counter busy;

    public PasswordLogin(DataSource dataSource, LoginThrottle throttle, int concurrency, MeterRegistry meters) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("tradehook.login.concurrency must be at least 1, not " + concurrency);
        }
        this.dataSource = dataSource;
        this.throttle = throttle;
        this.checks = new Semaphore(concurrency);
        this.hashing = Executors.newFixedThreadPool(concurrency, Thread.ofPlatform().daemon().name("password-check-", 0)
                .factory());
        this.ok = attempts(meters, "ok");
        this.failed = attempts(meters, "failed");
        this.throttledLogin = attempts(meters, "throttled_login");
        this.throttledAddress = attempts(meters, "throttled_address");
        this.busy = attempts(meters, "busy");
    }

    private static Counter attempts(MeterRegistry meters, String outcome) {
        return Counter.builder("tradehook.login.attempts").tag("outcome", outcome)
                .description("Password checks of panel and API logins, by outcome").register(meters);
    }

    /**
     * The user when login and password match; empty when they do not.
     *
     * @param address the client address the attempt came from (throttling counts per address)
     * @throws Refused when the attempt may not be made now (throttled, or too many checks under way)
     */
    public Optional<User> verify(String login, String password, String address) throws SQLException {
        LoginThrottle.Reservation reservation;
        try {
            reservation = throttle.reserve(login, address);
        } catch (LoginThrottle.Throttled e) {
            (e.reason() == LoginThrottle.Reason.ADDRESS ? throttledAddress : throttledLogin).increment();
            LOG.debug("Login attempt from {} refused: throttled by {}", address, e.reason());
            long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
            throw new Refused("too many failed logins: retry in " + seconds + " s", seconds);
        }
        if (!checks.tryAcquire()) {
            throttle.cancel(reservation);
            busy.increment();
            throw new Refused("too many logins under way: retry in a moment", 1);
        }
        try {
            Checked checked = check(login, password, reservation);
            Optional<User> user = checked.matched() ? checked.user() : Optional.empty();
            if (user.isPresent()) {
                throttle.succeeded(reservation);
                ok.increment();
            } else {
                failed.increment();
                LOG.warn("Failed login for {} from {}{}", loggable(login, checked.user().isPresent()), address,
                        reservation.startsDelay() ? ": further attempts from there are delayed" : "");
            }
            return user;
        } finally {
            checks.release();
        }
    }

    private boolean matches(String password, String hash) {
        try {
            return hashing.submit(() -> PasswordHasher.matches(password, hash)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking a password", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("password check failed", e.getCause());
        }
    }

    /** The user the login names (if any) and whether the password matched theirs. */
    private record Checked(Optional<User> user, boolean matched) {
    }

    private Checked check(String login, String password, LoginThrottle.Reservation reservation)
            throws SQLException {
        Optional<User> stored;
        String hash;
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("select id, login, password_hash from app_user where login = ?")) {
            select.setString(1, login);
            try (ResultSet rs = select.executeQuery()) {
                stored = rs.next() ? Optional.of(new User(rs.getLong("id"), rs.getString("login"))) : Optional.empty();
                hash = stored.isPresent() ? rs.getString("password_hash") : PasswordHasher.UNMATCHABLE;
            }
        } catch (SQLException e) {
            // nothing was checked: a database outage is not a wrong password
            throw cancelled(reservation, e);
        }
        // the connection is back in the pool: the ~60 ms hash holds none (an unknown login costs the same work)
        return new Checked(stored, matches(password, hash) && stored.isPresent());
    }

    private SQLException cancelled(LoginThrottle.Reservation reservation, SQLException e) {
        throttle.cancel(reservation);
        return e;
    }

    /**
     * A known login as sent (control characters replaced, cut short); an unknown one is not written: it is often a
     * password typed into the login field.
     */
    private static String loggable(String login, boolean known) {
        if (!known) {
            return "an unknown login";
        }
        String cut = login.length() > LOGGED_LOGIN_LENGTH ? login.substring(0, LOGGED_LOGIN_LENGTH) + "…" : login;
        return "login '" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
