package io.tradehook.keys;

import java.util.Map;
import java.util.Optional;

/**
 * Who an authenticated webhook key acts for: its user, that user's trading accounts (name → id), and the key's own
 * restrictions (null when it has none).
 */
public record KeyOwner(long keyId, long userId, Map<String, Long> accounts, KeyLimits limits) {

    public Optional<Long> accountId(String accountName) {
        return Optional.ofNullable(accounts.get(accountName));
    }
}
