package com.zoomoverlay.bridge.bench.live;

import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one consumer (the webhook receiver, the overlay client) saw in a phase of the run: how many
 * events, their latency from the fake Zoom's {@code event_ts} to arrival (ms, HdrHistogram), the
 * first and last arrival, and events that came out of order or twice (sequence not above the last).
 */
final class Arrivals {

    private final Recorder latency = new Recorder(120_000, 3);
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong lastSeq = new AtomicLong();
    private volatile long firstNanos;
    private volatile long lastNanos;

    /** Called on one thread per consumer (its event loop), so the order check sees arrival order. */
    void arrived(long seq, long eventTsMillis) {
        long now = System.nanoTime();
        latency.recordValue(Math.max(0, Math.min(120_000, System.currentTimeMillis() - eventTsMillis)));
        if (seq <= lastSeq.get()) {
            outOfOrder.incrementAndGet();
        } else {
            lastSeq.set(seq);
        }
        if (count.getAndIncrement() == 0) {
            firstNanos = now;
        }
        lastNanos = now;
    }

    /** Starts a phase: counts and latencies from zero; the order check carries on across phases. */
    void reset() {
        latency.getIntervalHistogram();
        count.set(0);
        firstNanos = 0;
        lastNanos = 0;
    }

    long count() {
        return count.get();
    }

    long outOfOrder() {
        return outOfOrder.get();
    }

    long firstNanos() {
        return firstNanos;
    }

    long lastNanos() {
        return lastNanos;
    }

    /** Latencies since the last reset or take. */
    Histogram take() {
        return latency.getIntervalHistogram();
    }
}
