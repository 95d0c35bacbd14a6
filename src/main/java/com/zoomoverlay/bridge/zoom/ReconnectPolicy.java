package com.zoomoverlay.bridge.zoom;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

import com.zoomoverlay.bridge.retry.Backoff;

/**
 * When to try the Event WebSocket again, made for a live show: Zoom never replays what it sent while
 * the bridge was away, so the wait after Zoom is back is show lost. An outage starts when a stable
 * connection is lost (or the first connect fails) and its attempt count starts at 0 each time. For the
 * first {@code longOutageAfter} of an outage the waits grow from {@code initial} to only {@code liveCap}
 * (the gap after Zoom comes back stays below that); after that they may grow to {@code ceiling}. Equal
 * jitter puts a floor under every wait (bounded attempts per second against a refusing Zoom) and
 * spreads bridges apart. A connection lost before {@code stableAfter} (flapping: built, then dropped)
 * does not end the outage: its count and phase carry on, so a server that accepts and drops at once is
 * tried at the capped pace, not from {@code initial} again. Not thread-safe: the supervisor's context only.
 */
final class ReconnectPolicy {

    static final double JITTER = 0.5;

    private final Backoff live;
    private final Backoff slow;
    private final Duration longOutageAfter;
    private final Duration stableAfter;
    private final RandomGenerator random;
    private Instant outageSince;
    private Instant connectedAt;
    private int attempts;

    ReconnectPolicy(ZoomWsSettings settings, RandomGenerator random) {
        this.live = new Backoff(settings.backoffInitial(), settings.backoffMax(), JITTER);
        this.slow = live.withCap(settings.backoffCeiling());
        this.longOutageAfter = settings.backoffLongAfter();
        this.stableAfter = settings.stableAfter();
        this.random = random;
    }

    /** Zoom answered {@code build_connection}: the connection counts as stable once it lasts {@code stableAfter}. */
    void connected(Instant at) {
        connectedAt = at;
    }

    /** Whether the connection built at {@link #connected} has lasted long enough to count as stable. */
    boolean stable(Instant now) {
        return connectedAt != null && !now.isBefore(connectedAt.plus(stableAfter));
    }

    /**
     * A connection ended or a connect failed. Returns true when this begins a new outage (the previous
     * connection was stable, or there was none yet): the attempt count starts over.
     */
    boolean lost(Instant at) {
        boolean fresh = outageSince == null || stable(at);
        if (fresh) {
            outageSince = at;
            attempts = 0;
        }
        connectedAt = null;
        return fresh;
    }

    /** The wait before the next attempt of this outage; counts the attempt. */
    Duration nextDelay(Instant now) {
        Backoff curve = outageSince != null && !now.isBefore(outageSince.plus(longOutageAfter)) ? slow : live;
        Duration delay = curve.delay(attempts, random);
        attempts++;
        return delay;
    }

    /** Attempts scheduled in the current outage. */
    int attempts() {
        return attempts;
    }

    /** When the current outage began; null before the first failure. */
    Instant outageSince() {
        return outageSince;
    }

    /** The longest wait the policy can pick at this point of an outage: what the gap after Zoom's return is bounded by. */
    Duration longestWait(Duration intoOutage) {
        return intoOutage.compareTo(longOutageAfter) >= 0 ? slow.cap() : live.cap();
    }
}
