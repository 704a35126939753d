package io.tradehook.admission;

import io.tradehook.admission.AdmissionStatement.Answer;
import io.tradehook.admission.AdmissionStatement.Ask;
import io.tradehook.db.Precondition;

/** An admission decided in the transaction that commits the request's writes ({@link Admission#holds}). */
final class DeferredAdmission implements Precondition {

    private final Ask ask;
    private Answer answer;

    DeferredAdmission(Ask ask) {
        this.ask = ask;
    }

    Ask ask() {
        return ask;
    }

    void decided(Answer answer) {
        this.answer = answer;
    }

    /** Known once the commit has run; the group commit hands it over with the caller's result. */
    Answer answer() {
        return answer;
    }
}
