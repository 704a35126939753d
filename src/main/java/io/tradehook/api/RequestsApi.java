package io.tradehook.api;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;

import javax.sql.DataSource;

import io.tradehook.users.User;
import io.tradehook.common.Rejection;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/**
 * {@code GET /api/requests}: the caller's webhook request history. Query parameters, all optional: {@code keyId},
 * {@code action} (place, modify, cancel), {@code status} (HTTP status), {@code from} and {@code to} (ISO-8601),
 * {@code limit} (1-200, default 50) and {@code offset}.
 */
public final class RequestsApi {

    static final String NO_SUCH_REQUEST = "no such request";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final Set<String> ACTIONS = Set.of("place", "modify", "cancel");

    private final RequestHistory history;

    public RequestsApi(DataSource dataSource) {
        this.history = new RequestHistory(dataSource);
    }

    public RequestHistory.Page list(@Variable(ApiAuthenticator.USER) User user,
                                    @Header("keyId") String keyId, @Header("action") String action,
                                    @Header("status") String status, @Header("from") String from,
                                    @Header("to") String to, @Header("limit") String limit,
                                    @Header("offset") String offset) throws SQLException {
        if (action != null && !action.isBlank() && !ACTIONS.contains(action)) {
            throw Rejection.badRequest("action must be one of place, modify, cancel");
        }
        Instant fromInstant = ApiInput.instant("from", from).orElse(null);
        Instant toInstant = ApiInput.instant("to", to).orElse(null);
        RequestHistory.Filter filter = new RequestHistory.Filter(
                number("keyId", keyId, 1, Long.MAX_VALUE), blankToNull(action),
                intOrNull(number("status", status, 100, 599)), fromInstant, toInstant);
        Long pageSize = number("limit", limit, 1, MAX_LIMIT);
        Long skip = number("offset", offset, 0, 1_000_000);
        return history.find(user.id(), filter, pageSize == null ? DEFAULT_LIMIT : pageSize.intValue(),
                skip == null ? 0 : skip.intValue());
    }

    /** {@code GET /api/requests/{id}}: one of the caller's requests in full; 404 for anyone else's. */
    public RequestHistory.Detail detail(@Variable(ApiAuthenticator.USER) User user, Exchange exchange)
            throws SQLException {
        long requestId;
        try {
            // the id from the request's own path: the message's "id" header could be a query parameter (?id=1)
            requestId = Long.parseLong(ApiRequest.pathId(exchange));
        } catch (NumberFormatException e) {
            throw Rejection.notFound(NO_SUCH_REQUEST);
        }
        return history.detail(user.id(), requestId).orElseThrow(() -> Rejection.notFound(NO_SUCH_REQUEST));
    }

    private static Long number(String name, String value, long min, long max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Rejection.badRequest(name + " must be a whole number from " + min + " to " + max);
    }

    private static Integer intOrNull(Long value) {
        return value == null ? null : value.intValue();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
