package com.zoomoverlay.bridge.accept;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells whether the stream moves: events are waiting to be stored or routed, and nothing has been
 * committed for {@code stallAfter}. Whatever the socket counters say, this is what goes bad when one
 * event, a route or the store holds everything up.
 */
public final class StreamWatch {

    private final Clock clock;
    private final Duration stallAfter;
    private final AtomicLong outstanding = new AtomicLong();
    private volatile Instant lastProgressAt;

    public StreamWatch(Clock clock, Duration stallAfter) {
        this.clock = clock;
        this.stallAfter = stallAfter;
        this.lastProgressAt = clock.instant();
    }

    void queued() {
        if (outstanding.getAndIncrement() == 0) {
            // the clock for a stall starts when there is something to do
            lastProgressAt = clock.instant();
        }
    }

    void committed(int events) {
        outstanding.addAndGet(-events);
        lastProgressAt = clock.instant();
    }

    /** Events queued or being committed. */
    public long outstanding() {
        return Math.max(0, outstanding.get());
    }

    /** How long the stream has had work without finishing any. */
    public Duration waiting() {
        return outstanding() == 0 ? Duration.ZERO : Duration.between(lastProgressAt, clock.instant());
    }

    public boolean stalled() {
        return outstanding() > 0 && waiting().compareTo(stallAfter) >= 0;
    }

    public Duration stallAfter() {
        return stallAfter;
    }
}
