package io.tradehook.api;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.keys.KeyRepository;
import io.tradehook.restrictions.KeyRestrictions;
import io.tradehook.users.User;
import io.tradehook.webhook.KeyAuthenticator;
import io.tradehook.webhook.OrderReader;
import io.tradehook.webhook.RequestDetail;
import io.tradehook.webhook.RequestLog;
import io.tradehook.common.Rejection;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;

/**
 * {@code POST /api/keys/{id}/test-alert}: the panel's *Send test alert*. The logged-in owner stands in for the key's
 * secret (the panel never holds it); the message becomes a dry run ({@code "dryRun": true}, whatever it said) and goes
 * down the one order pipeline like any alert, so it meets every check but the source addresses, and is answered and
 * recorded as a webhook is.
 */
public final class TestAlertApi {

    private final KeyRepository keys;
    private final KeyAuthenticator keyAuthenticator;
    private final OrderReader orderReader;

    public TestAlertApi(KeyRepository keys, KeyAuthenticator keyAuthenticator, OrderReader orderReader) {
        this.keys = keys;
        this.keyAuthenticator = keyAuthenticator;
        this.orderReader = orderReader;
    }

    /** Content-Type and origin were checked by {@link ApiGuard} before. */
    public void prepare(@Variable(ApiAuthenticator.USER) User user, @Body String body, Exchange exchange)
            throws SQLException {
        long keyId = KeysApi.keyId(exchange);
        String apiKey = keys.apiKeyOf(user.id(), keyId).orElseThrow(() -> Rejection.notFound(KeysApi.NO_SUCH_KEY));
        // platform-http would echo the request's headers in the answer
        exchange.getMessage().removeHeaders("*");
        exchange.setVariable(RequestLog.SOURCE_ADDRESS, KeyRestrictions.PANEL_SOURCE);
        keyAuthenticator.authenticateOwnKey(apiKey, user.id(), exchange);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        RequestDetail.received(exchange, bytes, null);
        ObjectNode order = orderReader.read(bytes);
        order.put("dryRun", true);
        exchange.getMessage().setBody(order);
    }
}
