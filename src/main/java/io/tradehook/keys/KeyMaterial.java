package io.tradehook.keys;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import io.tradehook.common.Sha256;

/**
 * Generation and hashing of webhook key pairs. Both halves are URL-safe base64 of {@link SecureRandom} bytes;
 * the secret carries 256 bits, so a plain SHA-256 is enough to store it: there is nothing to brute-force.
 */
public final class KeyMaterial {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();
    /** What either half can look like; anything else in the path is refused without a database lookup. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private KeyMaterial() {
    }

    /** 128 random bits: public, unique, the lookup key. */
    public static String newApiKey() {
        return random(16);
    }

    /** 256 random bits: shown once, stored only as its hash. */
    public static String newSecret() {
        return random(32);
    }

    public static boolean isWellFormed(String keyPart) {
        return keyPart != null && WELL_FORMED.matcher(keyPart).matches();
    }

    public static byte[] hash(String secret) {
        return Sha256.digest(secret);
    }

    /** Constant-time comparison, so response time does not reveal how much of a guess was right. */
    public static boolean matches(String presentedSecret, byte[] storedHash) {
        return MessageDigest.isEqual(hash(presentedSecret), storedHash);
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return URL_SAFE.encodeToString(buffer);
    }
}
