package io.tradehook.api;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.keys.KeyCache;
import io.tradehook.keys.KeyLimits;
import io.tradehook.keys.KeyLimitsRepository;
import io.tradehook.keys.TradingWindow;
import io.tradehook.users.User;
import io.tradehook.users.UserRepository;
import io.tradehook.common.Rejection;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;

/**
 * {@code /api/keys/{id}/limits}: what a key may do, as its owner reads and sets it. A change applies to the key's next
 * webhook on every instance (the database notifies their key caches). 404 unless the key is the caller's.
 */
public final class KeyLimitsApi {

    /** The limits as the API shows them; a null field is no limit of that kind. */
    public record Limits(List<String> accounts, List<String> actions, BigDecimal maxQty, List<String> sources,
                         Integer ordersPerDay, Window tradingWindow) {
    }

    /** Days {@code MON}..{@code SUN}, times {@code HH:mm}, a time zone id. */
    public record Window(List<String> days, String from, String to, String timeZone) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final KeyLimitsRepository limits;
    private final UserRepository users;
    private final KeyCache keyCache;

    public KeyLimitsApi(KeyLimitsRepository limits, UserRepository users, KeyCache keyCache) {
        this.limits = limits;
        this.users = users;
        this.keyCache = keyCache;
    }

    public Limits read(@Variable(ApiAuthenticator.USER) User user, Exchange exchange) throws SQLException {
        return view(limits.find(user.id(), KeysApi.keyId(exchange)).orElseThrow(() -> Rejection.notFound(KeysApi.NO_SUCH_KEY)));
    }

    /**
     * Replaces every limit of the key: a field left out or null lifts that limit. Content-Type and origin were
     * checked by {@link ApiGuard} before.
     */
    public Limits update(@Variable(ApiAuthenticator.USER) User user, @Body String body, Exchange exchange)
            throws SQLException {
        long keyId = KeysApi.keyId(exchange);
        ObjectNode input = ApiInput.object(body, KeyLimitsInput.FIELDS);
        KeyLimits wanted = KeyLimitsInput.read(input, Set.copyOf(users.accountNames(user.id())));
        if (!limits.save(user.id(), keyId, wanted)) {
            throw Rejection.notFound(KeysApi.NO_SUCH_KEY);
        }
        keyCache.forgetKey(keyId);
        return view(wanted);
    }

    static Limits view(KeyLimits limits) {
        TradingWindow window = limits.window();
        return new Limits(limits.accounts(), limits.actions(), limits.maxQty(), limits.sources(),
                limits.ordersPerDay(), window == null ? null : new Window(
                        window.days().stream().sorted().map(KeyLimitsRepository::dayName).toList(),
                        window.from().format(TIME), window.to().format(TIME), window.zone().getId()));
    }
}
