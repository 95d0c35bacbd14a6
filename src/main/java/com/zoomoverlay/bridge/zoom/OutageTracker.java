package com.zoomoverlay.bridge.zoom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's bookkeeping for the time Zoom is away: when the next attempt comes (the
 * {@link ReconnectPolicy}), which window of events may be missing ({@link GapWatch}), and what
 * {@code /ws/status}, metrics and downstream ({@code bridge.gap}) are told about both. Kept apart from
 * the connection handling so the question "how long was the show without Zoom, and why" has one place
 * to be answered. Holds at most one pending reconnect wait. Used from the supervisor's context only.
 */
final class OutageTracker {

    // The supervisor's logger: the connection's whole story (lost, waits, gap, back) stays under one name.
    private static final Logger LOG = LoggerFactory.getLogger(ZoomWsSupervisor.class);

    private final Vertx vertx;
    private final Clock clock;
    private final ZoomWsSettings settings;
    private final ZoomWsStatus status;
    private final ZoomWsMetrics metrics;
    private final ReconnectPolicy policy;
    private final ReconnectScheduler scheduler;
    private final Consumer<ZoomWsGap> gaps;
    private final GapWatch gapWatch = new GapWatch();
    private long reconnectTimer = -1;
    private boolean stopped;

    OutageTracker(Vertx vertx, Clock clock, ZoomWsSettings settings, ZoomWsStatus status, ZoomWsMetrics metrics,
                  ReconnectPolicy policy, ReconnectScheduler scheduler, Consumer<ZoomWsGap> gaps) {
        this.vertx = vertx;
        this.clock = clock;
        this.settings = settings;
        this.status = status;
        this.metrics = metrics;
        this.policy = policy;
        this.scheduler = scheduler;
        this.gaps = gaps;
    }

    /** Zoom accepted an upgrade: the first one in a gap starts its accept-to-connected time. */
    void opened() {
        gapWatch.opened(clock.instant());
    }

    /** A frame arrived: the lost connection's last frame is where a later gap begins. */
    void alive() {
        Instant now = clock.instant();
        gapWatch.alive(now);
        if (gapWatch.isBuilt()) {
            status.alive(now); // what is stored for the next holder of the connection (LastAlive)
        }
    }

    /**
     * The window began before this tracker: Zoom was last known alive at {@code from} (a restart, a
     * failover, an earlier consumer); the first {@code build_connection} closes and reports it.
     */
    void carriedOver(Instant from, String reason) {
        gapWatch.carriedOver(from, reason);
    }

    /** {@code build_connection}: the connection's stable time starts and an open gap is closed and reported. */
    void built() {
        Instant now = clock.instant();
        policy.connected(now);
        status.alive(now);
        gapWatch.built(now).ifPresent(this::gapClosed);
    }

    /**
     * A connection ended; {@code reason} is what ended it. Answers whether it had held for
     * {@code stableAfter}: only such a connection ends the outage (and proves the token good).
     */
    boolean lost(String reason) {
        Instant now = clock.instant();
        boolean held = policy.stable(now);
        if (!held && gapWatch.isBuilt()) {
            LOG.warn("zoom websocket flapping: lost before it was stable stable_after_ms={} outage_attempts={}",
                    settings.stableAfter().toMillis(), policy.attempts());
        }
        begins(now);
        gapWatch.lost(reason);
        return held;
    }

    /** A connect never got as far as an open socket: the outage goes on (or, the first time, begins). */
    void connectFailed() {
        begins(clock.instant());
    }

    // Status learns of a new outage at once, not at its first wait: a 4700 or a gone grant schedules none,
    // and /ws/status would go on showing the previous outage's start and count as if they were this one's.
    private void begins(Instant now) {
        if (policy.lost(now)) {
            status.outage(policy.outageSince(), policy.attempts());
        }
    }

    /** Runs {@code next} after the policy's wait for this point of the outage, counting it as an attempt. */
    void retry(Runnable next) {
        if (stopped) {
            return;
        }
        Duration delay = policy.nextDelay(clock.instant());
        gapWatch.attempt();
        status.outage(policy.outageSince(), policy.attempts());
        status.state(ZoomWsState.BACKING_OFF);
        status.reconnectScheduled();
        metrics.reconnectScheduled();
        LOG.info("zoom websocket reconnecting in_ms={} attempt={}", delay.toMillis(), policy.attempts());
        reconnectTimer = scheduler.schedule(vertx, delay, () -> {
            reconnectTimer = -1;
            next.run();
        });
    }

    /** Drops a pending wait (a connection is being handled, or the supervisor stops). */
    void cancelRetry() {
        if (reconnectTimer >= 0) {
            scheduler.cancel(vertx, reconnectTimer);
        }
        reconnectTimer = -1;
    }

    /** For good: nothing is scheduled any more. */
    void stop() {
        stopped = true;
        cancelRetry();
    }

    // Reported before any frame of the new connection is read (same context), so it precedes them downstream.
    private void gapClosed(ZoomWsGap gap) {
        status.gap(gap);
        metrics.gap(gap);
        LOG.info("zoom websocket gap from={} to={} duration_ms={} attempts={} accept_to_connected_ms={} reason=\"{}\"",
                gap.from(), gap.to(), gap.duration().toMillis(), gap.attempts(), gap.acceptToConnected().toMillis(),
                gap.reason());
        gaps.accept(gap);
    }
}
