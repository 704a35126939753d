package io.tradehook.keys;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Creates webhook keys: random key pair, generated name when none is given, URL from the public base URL. */
public final class KeyIssuer {

    public static final int MAX_NAME_LENGTH = 64;
    private static final String[] ADJECTIVES = {"amber", "brisk", "calm", "swift", "bold", "bright", "quiet", "rapid",
            "steady", "keen", "silver", "golden", "lucky", "nimble", "sharp", "clear"};
    private static final String[] NOUNS = {"falcon", "otter", "comet", "harbor", "maple", "river", "summit", "cedar",
            "lynx", "meadow", "orbit", "pine", "heron", "ember", "delta", "breeze"};

    private final KeyRepository keys;
    private final String publicUrl;

    public KeyIssuer(KeyRepository keys, String publicUrl) {
        this.keys = keys;
        this.publicUrl = publicUrl;
    }

    public CreatedKey create(long userId, String name, Instant expiresAt) throws SQLException {
        String keyName = name == null || name.isBlank() ? generatedName() : name.strip();
        String apiKey = KeyMaterial.newApiKey();
        String secret = KeyMaterial.newSecret();
        WebhookKey stored = keys.insert(userId, keyName, apiKey, KeyMaterial.hash(secret), expiresAt);
        return new CreatedKey(stored.id(), stored.name(), apiKey, secret, webhookUrl(apiKey, secret),
                stored.createdAt(), stored.expiresAt());
    }

    /** As {@link #create}, unless the user already has {@code maxKeys} keys (empty then). */
    public Optional<CreatedKey> createWithin(long userId, String name, Instant expiresAt, int maxKeys)
            throws SQLException {
        String keyName = name == null || name.isBlank() ? generatedName() : name.strip();
        String apiKey = KeyMaterial.newApiKey();
        String secret = KeyMaterial.newSecret();
        return keys.insertWithin(userId, keyName, apiKey, KeyMaterial.hash(secret), expiresAt, maxKeys)
                .map(stored -> new CreatedKey(stored.id(), stored.name(), apiKey, secret, webhookUrl(apiKey, secret),
                        stored.createdAt(), stored.expiresAt()));
    }

    public String webhookUrl(String apiKey, String secret) {
        return publicUrl + "/webhook/" + apiKey + "/" + secret;
    }

    static String generatedName() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return ADJECTIVES[random.nextInt(ADJECTIVES.length)] + "-" + NOUNS[random.nextInt(NOUNS.length)] + "-"
                + (100 + random.nextInt(900));
    }
}
