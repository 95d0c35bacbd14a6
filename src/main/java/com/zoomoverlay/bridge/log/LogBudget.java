package com.zoomoverlay.bridge.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * At most so many log lines per time window, so a flood of bad requests cannot flood the log.
 * A line that is allowed learns how many were held back since the last one, to say so.
 */
public final class LogBudget {

    private final int linesPerWindow;
    private final Duration window;
    private final Clock clock;
    private Instant windowStart = Instant.MIN;
    private int used;
    private long suppressed;

    public LogBudget(int linesPerWindow, Duration window, Clock clock) {
        this.linesPerWindow = linesPerWindow;
        this.window = window;
        this.clock = clock;
    }

    /** Empty when the line must be dropped; else the number of lines dropped before it. */
    public synchronized OptionalLong take() {
        Instant now = clock.instant();
        if (windowStart == Instant.MIN || !now.isBefore(windowStart.plus(window))) {
            windowStart = now;
            used = 0;
        }
        if (used >= linesPerWindow) {
            suppressed++;
            return OptionalLong.empty();
        }
        used++;
        long dropped = suppressed;
        suppressed = 0;
        return OptionalLong.of(dropped);
    }
}
