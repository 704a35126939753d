package io.tradehook.webhook;

import java.util.regex.Pattern;

/**
 * Field names a sender wrote may be named back in an error, but only when they look like field names: short
 * identifiers. Anything else (a pasted secret, markup, control characters) is described, not echoed.
 */
final class FieldNames {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");

    private FieldNames() {
    }

    static boolean isIdentifier(String name) {
        return IDENTIFIER.matcher(name).matches();
    }

    static String quoted(String name) {
        return isIdentifier(name) ? "'" + name + "'" : "(a field name that is not an identifier)";
    }
}
