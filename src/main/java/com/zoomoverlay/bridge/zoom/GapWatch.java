package com.zoomoverlay.bridge.zoom;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Tracks the window in which Zoom events may be missing. It opens when a built connection is lost,
 * dated back to the last frame that connection carried, and closes at the next {@code build_connection}.
 * A connection lost before it was built does not open a new window: the open one goes on. A window
 * may also be carried over from before the watch ({@link #carriedOver}: a restart or failover). Used from
 * the supervisor's context only.
 */
final class GapWatch {

    private Instant lastSignOfLife;
    private boolean built;
    private Instant from;
    private String reason;
    private int attempts;
    private Instant firstAccept;

    /** Zoom accepted an upgrade. */
    void opened(Instant now) {
        lastSignOfLife = now;
        built = false;
        if (from != null && firstAccept == null) {
            firstAccept = now;
        }
    }

    /**
     * The window began before this watch: Zoom was last known alive at {@code since} (a restart, a
     * failover). It stays open until the first connection is built.
     */
    void carriedOver(Instant since, String why) {
        if (from == null && !built) {
            from = since;
            reason = why;
            attempts = 0;
            firstAccept = null;
        }
    }

    /** A frame arrived on the current connection. */
    void alive(Instant now) {
        lastSignOfLife = now;
    }

    /** {@code build_connection}: the window, if one was open, is closed and returned. */
    Optional<ZoomWsGap> built(Instant now) {
        built = true;
        lastSignOfLife = now;
        if (from == null) {
            return Optional.empty();
        }
        Duration acceptToConnected = Duration.between(firstAccept == null ? now : firstAccept, now);
        // a moment stored by another replica may be ahead of this clock: the window is then empty, not negative
        ZoomWsGap gap = new ZoomWsGap(from.isAfter(now) ? now : from, now, reason, attempts, acceptToConnected);
        from = null;
        reason = null;
        attempts = 0;
        firstAccept = null;
        return Optional.of(gap);
    }

    /** The current connection ended; {@code why} is what ended it. */
    void lost(String why) {
        if (built && from == null) {
            from = lastSignOfLife;
            reason = why;
            attempts = 0;
            firstAccept = null;
        }
        built = false;
    }

    /** A reconnect was scheduled or started inside an open window. */
    void attempt() {
        if (from != null) {
            attempts++;
        }
    }

    /** Whether the current connection got its {@code build_connection}. */
    boolean isBuilt() {
        return built;
    }
}
