package io.tradehook.keys;

import java.util.Map;
import java.util.Optional;

/** Who an authenticated webhook key acts for: its user and that user's trading accounts (name → id). */
public record KeyOwner(long keyId, long userId, Map<String, Long> accounts) {

    public Optional<Long> accountId(String accountName) {
        return Optional.ofNullable(accounts.get(accountName));
    }
}
