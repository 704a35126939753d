package io.tradehook.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** Growing delays per login from one address and per address, on a clock the test moves. */
class LoginThrottleTest {

    private static final String VICTIM = "10.0.0.7";
    private static final String ATTACKER = "203.0.113.66";

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(5, 20, Duration.ofSeconds(1), Duration.ofMinutes(1), clock);

    @Test
    void delays_double_after_the_free_failures_up_to_the_longest_delay() {
        assertThat(throttle.delay(4, 5)).isZero();
        assertThat(throttle.delay(5, 5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.delay(6, 5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.delay(10, 5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(throttle.delay(11, 5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.delay(Integer.MAX_VALUE, 5)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void the_attempt_after_five_failures_waits_and_the_wait_grows_with_each_failure() {
        for (int i = 0; i < 5; i++) {
            throttle.reserve("alice", ATTACKER);
        }
        assertThat(retryAfter("alice", ATTACKER)).isEqualTo(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        throttle.reserve("alice", ATTACKER);
        assertThat(retryAfter("alice", ATTACKER)).isEqualTo(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        throttle.reserve("alice", ATTACKER);
        assertThat(retryAfter("alice", ATTACKER)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void a_stranger_hammering_a_login_never_delays_its_owner_at_their_own_address() {
        for (int i = 0; i < 200; i++) {
            clock.advance(Duration.ofMinutes(1));
            throttle.reserve("alice", ATTACKER + i % 3);
        }

        LoginThrottle.Reservation owner = throttle.reserve("alice", VICTIM);
        throttle.succeeded(owner);
        throttle.succeeded(throttle.reserve("alice", VICTIM));
    }

    @Test
    void parallel_attempts_are_counted_when_reserved_so_only_five_get_past_the_check() {
        int reserved = 0;
        for (int i = 0; i < 12; i++) {
            try {
                throttle.reserve("alice", ATTACKER);
                reserved++;
            } catch (LoginThrottle.Throttled e) {
                assertThat(e.reason()).isEqualTo(LoginThrottle.Reason.LOGIN);
            }
        }
        assertThat(reserved).isEqualTo(5);
    }

    @Test
    void one_address_trying_many_logins_is_delayed_whatever_login_comes_next() {
        for (int i = 0; i < 20; i++) {
            throttle.reserve("login-" + i, ATTACKER);
        }

        LoginThrottle.Throttled refused = catchThrowableOfType(LoginThrottle.Throttled.class,
                () -> throttle.reserve("someone-new", ATTACKER));
        assertThat(refused.reason()).isEqualTo(LoginThrottle.Reason.ADDRESS);
        throttle.succeeded(throttle.reserve("someone-new", VICTIM));
    }

    @Test
    void a_right_password_forgives_the_failures_of_its_login_and_its_own_try() {
        for (int i = 0; i < 4; i++) {
            throttle.reserve("alice", VICTIM);
        }
        throttle.succeeded(throttle.reserve("alice", VICTIM));

        for (int i = 0; i < 4; i++) {
            throttle.reserve("alice", VICTIM);
        }
        // four failures since the success: still free
        throttle.cancel(throttle.reserve("alice", VICTIM));
        assertThat(retryAfter("bob", VICTIM)).isNull();
    }

    @Test
    void an_attempt_never_made_is_not_counted() {
        for (int i = 0; i < 10; i++) {
            throttle.cancel(throttle.reserve("alice", ATTACKER));
        }
        assertThat(retryAfter("alice", ATTACKER)).isNull();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 6; i++) {
                throttle.reserve("alice", ATTACKER);
            }
        }).isInstanceOf(LoginThrottle.Throttled.class);
    }

    @Test
    void an_attempt_given_back_does_not_erase_the_delay_a_later_one_set() {
        for (int i = 0; i < 3; i++) {
            throttle.reserve("alice", ATTACKER);
        }
        LoginThrottle.Reservation fourth = throttle.reserve("alice", ATTACKER);
        throttle.reserve("alice", ATTACKER); // the fifth failure sets the first delay

        throttle.cancel(fourth); // the fourth never ran (no capacity)

        assertThat(retryAfter("alice", ATTACKER)).isEqualTo(Duration.ofSeconds(1));
    }

    /** How long the next attempt must wait, or null when it may go now (and is then given back). */
    private Duration retryAfter(String login, String address) {
        try {
            throttle.cancel(throttle.reserve(login, address));
            return null;
        } catch (LoginThrottle.Throttled e) {
            return e.retryAfter();
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
