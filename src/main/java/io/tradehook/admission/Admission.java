package io.tradehook.admission;

import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.admission.AdmissionStatement.Answer;
import io.tradehook.admission.AdmissionStatement.Ask;
import io.tradehook.idempotency.Fingerprint;
import io.tradehook.idempotency.Idempotency;
import io.tradehook.keys.KeyOwner;
import io.tradehook.ratelimit.RateLimit;
import io.tradehook.webhook.Rejection;
import io.tradehook.webhook.RequestLog;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Variable;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a valid order to the broker: counts the request against its key's rate limit (429 past it) and claims the
 * order for resend safety (a duplicate gets the first answer), both in one statement shared with the requests
 * running at the same time. A request refused before this step still counts: {@link #countRefused} counts it and
 * turns its answer into a 429 when the key is past its limit, so every authenticated request past the limit is a 429.
 */
public final class Admission extends ServiceSupport {

    /** Set once the request's hit is counted, so that it never counts twice. */
    private static final String COUNTED = "rateCounted";
    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

    private final RateLimit rateLimit;
    private final Idempotency idempotency;
    private final AdmissionStatement statement;

    public Admission(DataSource asynchronousCommit, RateLimit rateLimit, Idempotency idempotency) {
        this.rateLimit = rateLimit;
        this.idempotency = idempotency;
        this.statement = new AdmissionStatement(asynchronousCommit, rateLimit.limit(), rateLimit.window());
    }

    public void admit(@Body ObjectNode order, @Variable(RequestLog.KEY_OWNER) KeyOwner owner, Exchange exchange)
            throws SQLException {
        Optional<Fingerprint> fingerprint = idempotency.fingerprint(order);
        Answer answer = statement.call(new Ask(owner.keyId(), rateLimit.enabled(),
                fingerprint.map(Fingerprint::value).orElse(null), fingerprint.map(f -> f.window().toMillis()).orElse(0L)));
        exchange.setVariable(COUNTED, true);
        Optional<Rejection> tooMany = rateLimit.exceededBy(answer.hits(), answer.retryAfterSeconds());
        if (tooMany.isPresent()) {
            throw tooMany.get();
        }
        if (fingerprint.isPresent()) {
            idempotency.settle(owner.keyId(), fingerprint.get(), answer.claimed(), this::claimAgain, exchange);
        }
    }

    /**
     * For a request refused after authentication but before admission (a bad body, a restriction): counts its hit,
     * and answers 429 instead when that took the key past its limit. A failure to count is logged, not answered.
     */
    public void countRefused(@Variable(RequestLog.KEY_OWNER) KeyOwner owner, Exchange exchange) {
        if (owner == null || !rateLimit.enabled() || exchange.getVariable(COUNTED) != null) {
            return;
        }
        exchange.setVariable(COUNTED, true);
        try {
            Answer answer = statement.call(new Ask(owner.keyId(), true, null, 0));
            rateLimit.exceededBy(answer.hits(), answer.retryAfterSeconds())
                    .ifPresent(tooMany -> exchange.setProperty(Exchange.EXCEPTION_CAUGHT, tooMany));
        } catch (SQLException e) {
            LOG.warn("Refused webhook request not counted against its key's rate limit: {}", e.getMessage());
        }
    }

    private boolean claimAgain(long keyId, Fingerprint fingerprint) throws SQLException {
        return statement.call(new Ask(keyId, false, fingerprint.value(), fingerprint.window().toMillis())).claimed();
    }

    @Override
    protected void doStart() {
        statement.grouped().start();
    }

    @Override
    protected void doStop() {
        statement.grouped().stop();
    }
}
