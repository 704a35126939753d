package io.tradehook.keys;

import java.time.Instant;

/** A webhook key as its owner may see it again: everything but the secret. {@code pausedAt}: null unless paused. */
public record WebhookKey(long id, String name, String apiKey, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                         Instant pausedAt) {
}
