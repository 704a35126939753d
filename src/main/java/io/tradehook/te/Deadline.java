package io.tradehook.te;

/** The instant by which the broker's part of one webhook request must be done (epoch milliseconds). */
record Deadline(long atMillis) {

    long remainingMillis() {
        return atMillis - System.currentTimeMillis();
    }

    /**
     * How long a call with this time limit may still wait and yet end by the deadline: negative once it can no
     * longer start in time. The one rule for the latest start of a TE call (connections, turns, the early refusal).
     */
    long millisLeftToStart(long callTimeoutMs) {
        return remainingMillis() - callTimeoutMs;
    }
}
