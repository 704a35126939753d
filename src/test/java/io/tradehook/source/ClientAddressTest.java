package io.tradehook.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** X-Forwarded-For is believed only as far as trusted proxies wrote it. */
class ClientAddressTest {

    private final ClientAddress behindProxy = ClientAddress.of("10.0.0.0/8, 192.168.1.1");

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.5 | 52.89.214.238               | 203.0.113.5",   // an untrusted peer cannot claim anything
            "10.1.2.3    | 52.89.214.238               | 52.89.214.238", // a trusted proxy names the client
            "10.1.2.3    | 1.1.1.1, 52.89.214.238      | 52.89.214.238", // the sender's own first hop is ignored
            "10.1.2.3    | 52.89.214.238, 10.9.9.9     | 52.89.214.238", // a chain of trusted proxies is walked
            "10.1.2.3    | not-an-address              | 10.1.2.3",      // garbage from a proxy: the proxy itself
            "192.168.1.1 | 2001:db8::1                 | 2001:db8::1",
            "10.1.2.3    | ''                          | 10.1.2.3",
    })
    void resolves(String peer, String forwardedFor, String expected) {
        assertThat(behindProxy.resolve(peer, forwardedFor.isEmpty() ? List.of() : List.of(forwardedFor))).isEqualTo(expected);
    }

    @Test
    void blocks_match_by_prefix_for_both_families() {
        AddressBlock v4 = AddressBlock.parse("52.89.214.0/24").orElseThrow();
        AddressBlock v6 = AddressBlock.parse("2001:db8::/33").orElseThrow();
        assertThat(v4.contains(AddressBlock.address("52.89.214.238").orElseThrow())).isTrue();
        assertThat(v4.contains(AddressBlock.address("52.89.215.1").orElseThrow())).isFalse();
        assertThat(v4.contains(AddressBlock.address("::ffff:52.89.214.9").orElseThrow())).isTrue();
        assertThat(v6.contains(AddressBlock.address("2001:db8:7fff::1").orElseThrow())).isTrue();
        assertThat(v6.contains(AddressBlock.address("2001:db8:8000::1").orElseThrow())).isFalse();
        assertThat(v6.contains(AddressBlock.address("52.89.214.238").orElseThrow())).isFalse();
    }

    @Test
    void only_ip_literals_parse_never_host_names() {
        assertThat(AddressBlock.parse("localhost")).isEmpty();
        assertThat(AddressBlock.parse("10.0.0.0/33")).isEmpty();
        assertThat(AddressBlock.parse("10.0.0.0/x")).isEmpty();
        assertThat(AddressBlock.address("example.com")).isEmpty();
        assertThatThrownBy(() -> ClientAddress.of("proxy.internal")).isInstanceOf(IllegalArgumentException.class);
    }
}
