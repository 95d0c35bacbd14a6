package com.zoomoverlay.bridge.simulator.graphics;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trouble a fake graphics product can be told to have, so a rehearsal or test sees retries and dead
 * letters: down (connections dropped without an answer), or the next few requests answered with an error.
 */
public final class Faults {

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureCode = 503;

    /** While down, every request's connection is closed without an answer, as a rebooting machine's would be. */
    public void down(boolean on) {
        down.set(on);
    }

    public boolean isDown() {
        return down.get();
    }

    /** The next {@code count} requests get {@code code} (an HTTP status, or an AMCP reply code). */
    public void failNext(int count, int code) {
        failureCode = code;
        failuresLeft.set(count);
    }

    /** The code to fail this request with, or 0 to serve it. */
    public int takeFailure() {
        return failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? failureCode : 0;
    }
}
