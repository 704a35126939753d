package io.tradehook.source;

import java.util.Optional;

import io.netty.util.NetUtil;

/**
 * A CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a single address. Parsing accepts IP literals only,
 * so reading a configured or stored value never triggers a DNS lookup.
 */
public record AddressBlock(byte[] network, int prefixLength) {

    /** The block, or empty when the text is neither an address nor a CIDR block. */
    public static Optional<AddressBlock> parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int slash = trimmed.indexOf('/');
        byte[] address = address(slash < 0 ? trimmed : trimmed.substring(0, slash)).orElse(null);
        if (address == null) {
            return Optional.empty();
        }
        int bits = address.length * 8;
        if (slash < 0) {
            return Optional.of(new AddressBlock(address, bits));
        }
        String prefix = trimmed.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
            return Optional.empty();
        }
        return Optional.of(new AddressBlock(address, Integer.parseInt(prefix)));
    }

    /** The bytes of an IPv4 or IPv6 literal; an IPv4-mapped IPv6 address is read as IPv4. */
    public static Optional<byte[]> address(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes != null && bytes.length == 16 && isIpv4Mapped(bytes)) {
            return Optional.of(java.util.Arrays.copyOfRange(bytes, 12, 16));
        }
        return Optional.ofNullable(bytes);
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }
}
