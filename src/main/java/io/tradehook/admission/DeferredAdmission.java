package io.tradehook.admission;

import io.tradehook.admission.AdmissionStatement.Answer;
import io.tradehook.admission.AdmissionStatement.Ask;
import io.tradehook.db.Precondition;
import io.tradehook.idempotency.Idempotency;
import io.tradehook.idempotency.StoredClaim;

/**
 * An admission decided where the request's writes commit ({@link Admission#holds}), and its claim, which is inserted
 * there with the request's answer once that is known.
 */
final class DeferredAdmission implements Precondition, Idempotency.CommitClaim {

    private final Ask ask;
    private StoredClaim stored;
    private Answer answer;

    DeferredAdmission(Ask ask) {
        this.ask = ask;
    }

    /** What is asked, the claim with its answer when known. */
    Ask ask() {
        return stored == null ? ask
                : new Ask(ask.keyId(), ask.countsHit(), ask.fingerprint(), ask.windowMillis(), stored);
    }

    /**
     * Whether the claim can be inserted as it is to stay, answered or marked unknown (not when it is to be released:
     * then the transaction inserts it and the release deletes it).
     */
    boolean answerKnown() {
        return stored != null;
    }

    @Override
    public void insertWith(StoredClaim answer) {
        stored = answer;
    }

    void decided(Answer answer) {
        this.answer = answer;
    }

    /** Known once the commit has decided it in a transaction; the group commit hands it over with its result. */
    Answer answer() {
        return answer;
    }
}
