package io.tradehook.te;

/** The instant by which the broker's part of one webhook request must be done (epoch milliseconds). */
record Deadline(long atMillis) {

    long remainingMillis() {
        return atMillis - System.currentTimeMillis();
    }
}
