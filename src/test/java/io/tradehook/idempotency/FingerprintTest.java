package io.tradehook.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.common.Sha256;
import io.tradehook.common.Json;
import org.junit.jupiter.api.Test;

/** What counts as "the same order": field order never matters, every field value does; a requestId wins. */
class FingerprintTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration WINDOW = Duration.ofSeconds(20);

    @Test
    void field_order_does_not_change_the_fingerprint() {
        Fingerprint a = fingerprint("""
                {"action":"place","accountName":"demo","symbol":"BTCUSDT","type":"limit","qty":5,"side":"buy","price":30000.25}""");
        Fingerprint b = fingerprint("""
                {"price":30000.25,"side":"buy","qty":5,"type":"limit","symbol":"BTCUSDT","accountName":"demo","action":"place"}""");

        assertThat(a.value()).isEqualTo(b.value());
        assertThat(a.byRequestId()).isFalse();
        assertThat(a.window()).isEqualTo(WINDOW);
    }

    @Test
    void the_hashed_form_is_the_order_with_sorted_fields_as_stored_by_earlier_versions() {
        Fingerprint fingerprint = fingerprint("""
                {"side":"sell","action":"place","symbol":"ÄÖ 😀","qty":12345678901234567890,"price":0.000001,"accountName":"demo"}""");

        // fingerprints stay in the database for a day: a resend across an upgrade must hash the same text
        assertThat(fingerprint.value()).isEqualTo("b:" + Sha256.hex("""
                {"accountName":"demo","action":"place","price":0.000001,"qty":12345678901234567890,"side":"sell","symbol":"ÄÖ 😀"}"""));
    }

    @Test
    void a_different_field_value_is_a_different_order() {
        String order = """
                {"action":"place","accountName":"demo","symbol":"BTCUSDT","type":"market","qty":%s,"side":"buy"}""";

        assertThat(fingerprint(order.formatted("5")).value()).isNotEqualTo(fingerprint(order.formatted("6")).value());
        assertThat(fingerprint(order.formatted("5")).value())
                .isNotEqualTo(fingerprint(order.formatted("5").replace("\"buy\"", "\"sell\"")).value());
    }

    @Test
    void a_request_id_is_the_fingerprint_whatever_the_order_says() {
        Fingerprint a = fingerprint("""
                {"action":"place","accountName":"demo","symbol":"ABC","type":"market","qty":1,"side":"buy","requestId":"x-1"}""");
        Fingerprint b = fingerprint("""
                {"action":"place","accountName":"demo","symbol":"XYZ","type":"market","qty":9,"side":"sell","requestId":"x-1"}""");

        assertThat(a.value()).isEqualTo("r:" + Sha256.hex("x-1")).isEqualTo(b.value());
        assertThat(a.byRequestId()).isTrue();
        assertThat(a.window()).isEqualTo(DAY);
    }

    @Test
    void a_zero_duplicate_window_leaves_orders_without_request_id_unfingerprinted() {
        Optional<Fingerprint> none = Fingerprint.of(order("""
                {"action":"place","accountName":"demo","symbol":"ABC","type":"market","qty":1,"side":"buy"}"""), DAY, Duration.ZERO);

        assertThat(none).isEmpty();
    }

    private static Fingerprint fingerprint(String json) {
        return Fingerprint.of(order(json), DAY, WINDOW).orElseThrow();
    }

    private static ObjectNode order(String json) {
        try {
            return (ObjectNode) Json.STRICT.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
