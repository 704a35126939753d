package io.tradehook.paper;

/** The paper broker's {@code brokerCapacity}: it has no request limits, so it takes every order. */
public final class PaperCapacity {

    public void check() {
        // every order has room
    }
}
