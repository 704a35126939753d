package io.tradehook.admission;

import io.tradehook.admission.AdmissionStatement.Answer;
import io.tradehook.admission.AdmissionStatement.Ask;
import io.tradehook.admission.AdmissionStatement.StoredAnswer;
import io.tradehook.db.Precondition;
import io.tradehook.idempotency.Idempotency;

/**
 * An admission decided where the request's writes commit ({@link Admission#holds}), and its claim, which is inserted
 * there with the request's answer once that is known.
 */
final class DeferredAdmission implements Precondition, Idempotency.CommitClaim {

    private final Ask ask;
    private StoredAnswer stored;
    private Answer answer;

    DeferredAdmission(Ask ask) {
        this.ask = ask;
    }

    /** What is asked, the claim with its answer when known. */
    Ask ask() {
        return stored == null ? ask
                : new Ask(ask.keyId(), ask.countsHit(), ask.fingerprint(), ask.windowMillis(), stored);
    }

    /** Whether the claim can be inserted as it is to stay: answered, or marked unknown. */
    boolean answerKnown() {
        return stored != null;
    }

    @Override
    public void answered(int status, byte[] body, String errmsg, String orderId) {
        stored = new StoredAnswer(status, false, body, errmsg, orderId);
    }

    @Override
    public void unknown() {
        stored = new StoredAnswer(null, true, null, null, null);
    }

    void decided(Answer answer) {
        this.answer = answer;
    }

    /** Known once the commit has decided it in a transaction; the group commit hands it over with its result. */
    Answer answer() {
        return answer;
    }
}
