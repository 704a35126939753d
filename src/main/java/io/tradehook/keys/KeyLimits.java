package io.tradehook.keys;

import java.math.BigDecimal;
import java.util.List;

/**
 * The optional restrictions an owner set on one key (a {@code webhook_key_restriction} row), read with the key
 * itself: each list or value is null when that restriction is not set.
 */
public record KeyLimits(List<String> accounts, List<String> actions, BigDecimal maxQty, List<String> sources) {
}
