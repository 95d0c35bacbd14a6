package com.zoomoverlay.bridge.bench;

import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts arrivals and records their latency (Zoom's {@code event_ts} to arrival, in ms) in an
 * HdrHistogram; {@link #reset} starts a new phase of a run.
 */
final class LatencyRecorder {

    private final Recorder recorder = new Recorder(60_000, 3);
    private final AtomicInteger count = new AtomicInteger();
    private volatile long lastArrivalNanos;

    void arrived(long eventTsMillis) {
        recorder.recordValue(Math.max(0, Math.min(60_000, System.currentTimeMillis() - eventTsMillis)));
        lastArrivalNanos = System.nanoTime();
        count.incrementAndGet();
    }

    int count() {
        return count.get();
    }

    long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    void reset() {
        recorder.getIntervalHistogram();
        count.set(0);
    }

    /** The latencies since the last reset (or read); reading starts a new interval. */
    Histogram take() {
        return recorder.getIntervalHistogram();
    }

    static String describe(Histogram h) {
        return String.format("latency ms p50=%d p90=%d p99=%d p99.9=%d max=%d (n=%d)",
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue(), h.getTotalCount());
    }
}
