package io.tradehook.restrictions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tradehook.source.AddressBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source addresses a key accepts: CIDR blocks, single addresses, or a preset name. An entry that is none of
 * these matches nothing, so a typo closes the key rather than opening it.
 */
final class SourceAllowlist {

    /** TradingView's published webhook sender addresses. */
    static final List<String> TRADINGVIEW = List.of("52.89.214.238", "34.212.75.30", "54.218.53.128", "52.32.178.7");
    static final Map<String, List<String>> PRESETS = Map.of("tradingview", TRADINGVIEW);

    private static final Logger LOG = LoggerFactory.getLogger(SourceAllowlist.class);

    private final List<AddressBlock> blocks;

    private SourceAllowlist(List<AddressBlock> blocks) {
        this.blocks = blocks;
    }

    static SourceAllowlist of(List<String> entries) {
        List<AddressBlock> blocks = new ArrayList<>();
        for (String entry : entries) {
            if (entry == null) {
                continue;
            }
            List<String> expanded = PRESETS.getOrDefault(entry.trim().toLowerCase(java.util.Locale.ROOT), List.of(entry));
            for (String text : expanded) {
                AddressBlock.parse(text).ifPresentOrElse(blocks::add,
                        () -> LOG.warn("Ignoring allowed source that is not an address, CIDR block or preset: {}", text));
            }
        }
        return new SourceAllowlist(blocks);
    }

    boolean allows(String address) {
        byte[] bytes = AddressBlock.address(address).orElse(null);
        return bytes != null && blocks.stream().anyMatch(block -> block.contains(bytes));
    }
}
