package io.tradehook.keys;

import java.time.Instant;

/** A key just created: the only moment its secret and full webhook URL exist outside the sender's hands. */
public record CreatedKey(long id, String name, String apiKey, String secretKey, String webhookUrl,
                         Instant createdAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "CreatedKey[id=" + id + ", name=" + name + ", apiKey=" + apiKey + ", secretKey=***]";
    }
}
