package io.tradehook.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of text (UTF-8): secrets, session tokens, order fingerprints. */
public final class Sha256 {

    /**
     * Never updated, only cloned: a clone is a fresh digest without {@code MessageDigest.getInstance}'s provider
     * look-up on every request.
     */
    private static final MessageDigest PROTOTYPE = newDigest();
    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    public static byte[] digest(String text) {
        return fresh().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String hex(String text) {
        return HEX.formatHex(digest(text));
    }

    private static MessageDigest fresh() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newDigest();
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
