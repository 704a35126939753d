package io.tradehook.keys;

/**
 * The key pair a request presented in its path. {@link #toString()} hides the secret, so the value can sit in an
 * exchange variable that tracing or a debugger prints.
 */
public record PresentedKey(String apiKey, String secret) {

    @Override
    public String toString() {
        return "PresentedKey[apiKey=" + apiKey + ", secret=***]";
    }
}
