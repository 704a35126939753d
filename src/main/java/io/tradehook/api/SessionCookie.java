package io.tradehook.api;

import java.time.Duration;
import java.util.Optional;

import io.netty.handler.codec.http.cookie.CookieHeaderNames.SameSite;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;

/**
 * The panel's session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it, which is
 * the CSRF defence), Secure when the gateway is published over https, scoped to the API.
 */
final class SessionCookie {

    static final String NAME = "tradehook_session";
    private static final String PATH = "/api";

    private final boolean secure;

    SessionCookie(boolean secure) {
        this.secure = secure;
    }

    static Optional<String> token(String cookieHeader) {
        if (cookieHeader == null) {
            return Optional.empty();
        }
        return ServerCookieDecoder.STRICT.decode(cookieHeader).stream()
                .filter(c -> NAME.equals(c.name()))
                .map(io.netty.handler.codec.http.cookie.Cookie::value)
                .findFirst();
    }

    String set(String token, Duration ttl) {
        return encode(token, ttl.toSeconds());
    }

    String clear() {
        return encode("", 0);
    }

    private String encode(String value, long maxAgeSeconds) {
        DefaultCookie cookie = new DefaultCookie(NAME, value);
        cookie.setHttpOnly(true);
        cookie.setSecure(secure);
        cookie.setSameSite(SameSite.Strict);
        cookie.setPath(PATH);
        cookie.setMaxAge(maxAgeSeconds);
        return ServerCookieEncoder.STRICT.encode(cookie);
    }
}
