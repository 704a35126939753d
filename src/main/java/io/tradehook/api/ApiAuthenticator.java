package io.tradehook.api;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;

import io.tradehook.source.ClientAddress;
import io.tradehook.users.PasswordLogin;
import io.tradehook.users.SessionRepository;
import io.tradehook.users.User;
import io.tradehook.common.Rejection;
import org.apache.camel.Exchange;

/**
 * First step of every management API call that needs a caller: the panel's session cookie, or HTTP Basic
 * (login:password) for scripts, both taken off the request by {@link ApiCredentials} before the exchange existed (so
 * no trace, log or answer carries them); never read from a query parameter that platform-http merged into the
 * message. A password check is throttled per login and per client address ({@link ClientAddress}).
 */
public final class ApiAuthenticator {

    static final String USER = "apiUser";
    static final String LOGIN_REQUIRED = "login required: log in to the panel, or send HTTP Basic credentials";

    private final SessionRepository sessions;
    private final PasswordLogin passwords;
    private final ApiCredentials credentials;
    private final ClientAddress clientAddress;

    public ApiAuthenticator(SessionRepository sessions, PasswordLogin passwords, ApiCredentials credentials,
                            ClientAddress clientAddress) {
        this.sessions = sessions;
        this.passwords = passwords;
        this.credentials = credentials;
        this.clientAddress = clientAddress;
    }

    public void authenticate(Exchange exchange) throws SQLException {
        ApiCredentials.Presented presented = credentials.take(exchange);
        Optional<User> user = presented.authorization() != null
                ? basic(presented.authorization(), ApiRequest.clientAddress(exchange, clientAddress))
                : session(presented.cookie());
        exchange.setVariable(USER, user.orElseThrow(() -> new Rejection(401, LOGIN_REQUIRED)));
    }

    /** A password check, its refusals (throttled, too many at once) as 429 answers. */
    static Optional<User> verify(PasswordLogin passwords, String login, String password, String address)
            throws SQLException {
        try {
            return passwords.verify(login, password, address);
        } catch (PasswordLogin.Refused e) {
            throw Rejection.tooManyRequests(e.getMessage(), e.retryAfterSeconds());
        }
    }

    private Optional<User> session(String cookieHeader) throws SQLException {
        Optional<String> token = SessionCookie.token(cookieHeader);
        return token.isEmpty() ? Optional.empty() : sessions.find(token.get());
    }

    private Optional<User> basic(String authorization, String address) throws SQLException {
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
        return verify(passwords, decoded.substring(0, colon), decoded.substring(colon + 1), address);
    }
}
