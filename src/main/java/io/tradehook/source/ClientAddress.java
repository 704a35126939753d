package io.tradehook.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The address a webhook request came from. The direct peer, unless the peer is one of the configured trusted proxies
 * ({@code tradehook.trusted-proxies}): then {@code X-Forwarded-For} is read from the right, skipping trusted proxies,
 * and the first address that is not one is the client. Nobody else can set the address by sending the header.
 */
public final class ClientAddress {

    private final List<AddressBlock> trustedProxies;

    public ClientAddress(List<AddressBlock> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** {@code tradehook.trusted-proxies}: comma-separated addresses or CIDR blocks; empty trusts nobody. */
    public static ClientAddress of(String trustedProxies) {
        List<AddressBlock> blocks = new ArrayList<>();
        for (String entry : trustedProxies == null ? new String[0] : trustedProxies.split(",")) {
            if (!entry.isBlank()) {
                blocks.add(AddressBlock.parse(entry).orElseThrow(() -> new IllegalArgumentException(
                        "tradehook.trusted-proxies: not an address or CIDR block: " + entry.trim())));
            }
        }
        return new ClientAddress(blocks);
    }

    /**
     * @param peer           the direct peer's address (an IP literal)
     * @param forwardedFor   every {@code X-Forwarded-For} header value the request carried, in order
     */
    public String resolve(String peer, List<String> forwardedFor) {
        // trustedProxies first: with none configured (the default) the peer is not even parsed
        if (peer == null || trustedProxies.isEmpty() || forwardedFor.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(value -> Arrays.stream(value.split(",")).map(String::trim).forEach(hops::add));
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (AddressBlock.address(hop).isEmpty()) {
                // a proxy we trust passed on something that is not an address: we cannot tell who sent it
                return peer;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return hops.isEmpty() ? peer : hops.get(0);
    }

    private boolean isTrusted(String address) {
        byte[] bytes = AddressBlock.address(address).orElse(null);
        return bytes != null && trustedProxies.stream().anyMatch(block -> block.contains(bytes));
    }
}
