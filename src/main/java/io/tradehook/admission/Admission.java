package io.tradehook.admission;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.admission.AdmissionStatement.Answer;
import io.tradehook.admission.AdmissionStatement.Ask;
import io.tradehook.db.Precondition;
import io.tradehook.idempotency.Fingerprint;
import io.tradehook.idempotency.Idempotency;
import io.tradehook.keys.KeyOwner;
import io.tradehook.ratelimit.RateLimit;
import io.tradehook.common.Outcome;
import io.tradehook.common.Rejection;
import io.tradehook.webhook.RequestLog;
import io.tradehook.webhook.RequestWrites;
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
 *
 * <p>When orders are rows in this database (the paper broker), a place is admitted where its order and request record
 * commit instead, by the same statement's queries: in the group commit's one statement ({@link #inStatement}), or,
 * when a place of the group is refused, first in its transaction ({@link #holds}). The request waits for the database
 * once instead of twice, and nothing of it is written unless it is admitted. The rare request that is not (a resend,
 * a key past its limit) is then admitted anew and answered as this step would have answered it ({@link io.tradehook.webhook.RequestCommit}).
 */
public final class Admission extends ServiceSupport implements Precondition.Check {

    /** Set once the request's hit is counted, so that it never counts twice. */
    private static final String COUNTED = "rateCounted";
    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

    private final RateLimit rateLimit;
    private final Idempotency idempotency;
    private final AdmissionStatement statement;
    private final boolean ordersInDatabase;

    /** {@code ordersInDatabase}: the broker keeps its orders in this database, so a place is admitted with them. */
    public Admission(DataSource asynchronousCommit, RateLimit rateLimit, Idempotency idempotency,
                     boolean ordersInDatabase) {
        this.rateLimit = rateLimit;
        this.idempotency = idempotency;
        this.statement = new AdmissionStatement(asynchronousCommit, rateLimit.limit(), rateLimit.window());
        this.ordersInDatabase = ordersInDatabase;
    }

    public void admit(@Body ObjectNode order, @Variable(RequestLog.KEY_OWNER) KeyOwner owner,
                      @Variable(RequestLog.ACTION) String action, Exchange exchange) throws SQLException {
        Optional<Fingerprint> fingerprint = idempotency.fingerprint(order);
        Ask ask = new Ask(owner.keyId(), rateLimit.enabled(),
                fingerprint.map(Fingerprint::value).orElse(null), fingerprint.map(f -> f.window().toMillis()).orElse(0L));
        if (ordersInDatabase && "place".equals(action) && fingerprint.isPresent()) {
            exchange.setVariable(COUNTED, true);
            DeferredAdmission deferred = new DeferredAdmission(ask);
            RequestWrites.of(exchange).admitWithCommit(deferred, e -> readmit(deferred, fingerprint.get(), e));
            idempotency.claimWithCommit(owner.keyId(), fingerprint.get(), deferred, exchange);
            return;
        }
        Answer answer = statement.call(ask);
        exchange.setVariable(COUNTED, true);
        settle(answer, owner.keyId(), fingerprint, exchange);
    }

    /**
     * Decides the admissions left to a group commit, in its transaction, by the statement {@link #admit} runs: a
     * request's writes go ahead where its claim was made (which it is only within the key's rate limit).
     */
    @Override
    public List<Boolean> holds(Connection connection, List<Precondition> admissions) throws SQLException {
        List<DeferredAdmission> deferred = deferred(admissions);
        List<Answer> answers = statement.admit(connection, deferred.stream().map(DeferredAdmission::ask).toList());
        for (int i = 0; i < deferred.size(); i++) {
            deferred.get(i).decided(answers.get(i));
        }
        return answers.stream().map(Answer::claimed).toList();
    }

    /**
     * The admissions of a group commit in the statement of its writes, each claim inserted with its answer: one
     * statement per group. Possible when every claim is a different one and every answer is known; when one is not
     * made (a resend, a key past its limit) the statement is undone, and {@link #holds} decides in a transaction.
     */
    @Override
    public Optional<Precondition.InStatement> inStatement(List<Precondition> admissions) {
        List<DeferredAdmission> deferred = deferred(admissions);
        if (!deferred.stream().allMatch(DeferredAdmission::answerKnown)) {
            return Optional.empty();
        }
        AdmissionStatement.Group group = statement.new Group(deferred.stream().map(DeferredAdmission::ask).toList());
        return group.claimsAreDistinct() ? Optional.of(group) : Optional.empty();
    }

    private static List<DeferredAdmission> deferred(List<Precondition> admissions) {
        return admissions.stream().map(DeferredAdmission.class::cast).toList();
    }

    /** 429 past the key's limit; otherwise the claim settled: held, or the first request's answer to replay. */
    private void settle(Answer answer, long keyId, Optional<Fingerprint> fingerprint, Exchange exchange)
            throws SQLException {
        Optional<Rejection> tooMany = rateLimit.exceededBy(answer.hits(), answer.retryAfterSeconds());
        if (tooMany.isPresent()) {
            throw tooMany.get();
        }
        if (fingerprint.isPresent()) {
            idempotency.settle(keyId, fingerprint.get(), answer.claimed(), this::claimAgain, exchange);
        }
    }

    /**
     * A place whose admission did not hold at its commit, answered as {@link #admit} would have answered it: its hit
     * is counted already, and its claim is asked for again only where the first one has gone meanwhile. A claim got
     * that way is answered as any claim made before the commit is ({@link Idempotency#complete}).
     */
    private boolean readmit(DeferredAdmission deferred, Fingerprint fingerprint, Exchange exchange)
            throws SQLException {
        exchange.removeVariable(Idempotency.CLAIM);
        settle(deferred.answer(), deferred.ask().keyId(), Optional.of(fingerprint), exchange);
        if (idempotency.replayIfDuplicate(exchange)) {
            return false;
        }
        idempotency.complete(exchange.getVariable(Idempotency.CLAIM, Idempotency.Claim.class),
                exchange.getVariable(RequestLog.OUTCOME, Outcome.class), exchange);
        return true;
    }

    /**
     * For a test alert ({@code "dryRun": true}): counts its hit against the key's rate limit (429 past it), claims
     * nothing for resend safety.
     */
    public void countDryRun(@Variable(RequestLog.KEY_OWNER) KeyOwner owner, Exchange exchange) throws SQLException {
        exchange.setVariable(COUNTED, true);
        if (!rateLimit.enabled()) {
            return;
        }
        Answer answer = statement.call(new Ask(owner.keyId(), true, null, 0));
        Optional<Rejection> tooMany = rateLimit.exceededBy(answer.hits(), answer.retryAfterSeconds());
        if (tooMany.isPresent()) {
            throw tooMany.get();
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
