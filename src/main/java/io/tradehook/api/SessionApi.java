package io.tradehook.api;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.source.ClientAddress;
import io.tradehook.users.PasswordLogin;
import io.tradehook.users.SessionRepository;
import io.tradehook.users.User;
import io.tradehook.users.UserRepository;
import io.tradehook.common.Rejection;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;

/** {@code /api/session}: log in with login and password (a session cookie), who am I, log out. */
public final class SessionApi {

    /** Who is logged in, their trading accounts and the base of their webhook URLs (for the code snippets). */
    public record Session(String login, List<String> accounts, String webhookBaseUrl) {
    }

    static final String SET_COOKIE = "setCookie";
    static final String BAD_LOGIN = "wrong login or password";

    private final PasswordLogin passwords;
    private final SessionRepository sessions;
    private final UserRepository users;
    private final SessionCookie cookie;
    private final String publicUrl;
    private final ApiCredentials credentials;
    private final ClientAddress clientAddress;

    public SessionApi(PasswordLogin passwords, SessionRepository sessions, UserRepository users, String publicUrl,
                      ApiCredentials credentials, ClientAddress clientAddress) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.clientAddress = clientAddress;
        this.sessions = sessions;
        this.users = users;
        this.publicUrl = publicUrl;
        this.cookie = new SessionCookie(publicUrl.startsWith("https:"));
    }

    /** Content-Type and origin were checked by {@link ApiGuard} before. */
    public Session login(@Body String body, Exchange exchange) throws SQLException {
        credentials.take(exchange); // a login's own credentials are its body: whatever else it carried is dropped
        ObjectNode input = ApiInput.object(body, Set.of("login", "password"));
        String login = ApiInput.text(input, "login").orElseThrow(() -> Rejection.badRequest("login is required"));
        String password = ApiInput.text(input, "password").orElseThrow(() -> Rejection.badRequest("password is required"));
        User user = ApiAuthenticator.verify(passwords, login, password,
                ApiRequest.clientAddress(exchange, clientAddress)).orElseThrow(() -> new Rejection(401, BAD_LOGIN));
        exchange.setVariable(SET_COOKIE, cookie.set(sessions.start(user.id()), sessions.ttl()));
        return current(user);
    }

    public Session current(@Variable(ApiAuthenticator.USER) User user) throws SQLException {
        return new Session(user.login(), users.accountNames(user.id()), publicUrl + "/webhook");
    }

    /** Ends the session the cookie names, if any, and clears the cookie: logging out twice is fine. */
    public void logout(Exchange exchange) throws SQLException {
        Optional<String> token = SessionCookie.token(credentials.take(exchange).cookie());
        if (token.isPresent()) {
            sessions.end(token.get());
        }
        exchange.setVariable(SET_COOKIE, cookie.clear());
    }
}
