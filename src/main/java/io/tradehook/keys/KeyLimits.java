package io.tradehook.keys;

import java.math.BigDecimal;
import java.util.List;

/**
 * The optional restrictions an owner set on one key (a {@code webhook_key_restriction} row), read with the key
 * itself: each list or value is null when that restriction is not set.
 */
public record KeyLimits(List<String> accounts, List<String> actions, BigDecimal maxQty, List<String> sources,
                        Integer ordersPerDay, TradingWindow window) {

    /** No restriction at all: what a key without a row has. */
    public static final KeyLimits NONE = new KeyLimits(null, null, null, null, null, null);

    public KeyLimits(List<String> accounts, List<String> actions, BigDecimal maxQty, List<String> sources) {
        this(accounts, actions, maxQty, sources, null, null);
    }

    public boolean none() {
        return equals(NONE);
    }
}
