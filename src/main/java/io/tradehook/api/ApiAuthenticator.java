package io.tradehook.api;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;

import io.tradehook.users.PasswordLogin;
import io.tradehook.users.SessionRepository;
import io.tradehook.users.User;
import io.tradehook.webhook.Rejection;
import org.apache.camel.Exchange;

/**
 * First step of every management API call that needs a caller: the panel's session cookie, or HTTP Basic
 * (login:password) for scripts, both taken off the request by {@link ApiCredentials} before the exchange existed.
 */
public final class ApiAuthenticator {

    static final String USER = "apiUser";
    static final String LOGIN_REQUIRED = "login required: log in to the panel, or send HTTP Basic credentials";

    private final SessionRepository sessions;
    private final PasswordLogin passwords;
    private final ApiCredentials credentials;

    public ApiAuthenticator(SessionRepository sessions, PasswordLogin passwords, ApiCredentials credentials) {
        this.sessions = sessions;
        this.passwords = passwords;
        this.credentials = credentials;
    }

    public void authenticate(Exchange exchange) throws SQLException {
        ApiCredentials.Presented presented = credentials.take(exchange);
        Optional<User> user = presented.authorization() != null ? basic(presented.authorization())
                : session(presented.cookie());
        exchange.setVariable(USER, user.orElseThrow(() -> new Rejection(401, LOGIN_REQUIRED)));
    }

    private Optional<User> session(String cookieHeader) throws SQLException {
        Optional<String> token = SessionCookie.token(cookieHeader);
        return token.isEmpty() ? Optional.empty() : sessions.find(token.get());
    }

    private Optional<User> basic(String authorization) throws SQLException {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return passwords.verify(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
