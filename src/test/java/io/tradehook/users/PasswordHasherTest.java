package io.tradehook.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void a_hash_matches_its_password_only() {
        String stored = PasswordHasher.hash("correct horse");

        assertThat(PasswordHasher.matches("correct horse", stored)).isTrue();
        assertThat(PasswordHasher.matches("correct horse ", stored)).isFalse();
    }

    @Test
    void the_unmatchable_hash_costs_what_a_real_one_costs_and_matches_nothing() {
        String real = PasswordHasher.hash("no-such-user");

        // same scheme and iteration count: an unknown login is checked as slowly as a known one
        assertThat(prefix(PasswordHasher.UNMATCHABLE)).isEqualTo(prefix(real));
        assertThat(PasswordHasher.UNMATCHABLE.split("\\$")).hasSize(4);
        assertThat(PasswordHasher.matches("no-such-user", PasswordHasher.UNMATCHABLE)).isFalse();
        assertThat(PasswordHasher.matches("", PasswordHasher.UNMATCHABLE)).isFalse();
    }

    /** {@code pbkdf2-sha256$<iterations>$}. */
    private static String prefix(String stored) {
        return stored.substring(0, stored.indexOf('$', stored.indexOf('$') + 1) + 1);
    }
}
