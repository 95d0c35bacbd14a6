package com.zoomoverlay.bridge.zoom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;

/**
 * What {@code GET /ws/status} and the {@code zoom} health check report. Written by the supervisor
 * (one thread), read by HTTP threads. {@code lastError} is always a description the supervisor
 * composed itself, never an exception message or URL, so no token can reach it.
 */
public final class ZoomWsStatus {

    public static final String BEAN_NAME = "zoomWsStatus";
    /** Gaps listed in {@code gaps.last}, newest first. */
    static final int GAPS_LISTED = 10;

    private final Clock clock;
    private final AtomicLong reconnects = new AtomicLong();
    private volatile ZoomWsState state = ZoomWsState.STOPPED;
    private volatile Instant connectedSince;
    private volatile Instant lastEventAt;
    private volatile Instant lastAlive;
    private volatile String lastError;
    private volatile int consecutiveFailures;
    private volatile Instant outageSince;
    private final Deque<ZoomWsGap> lastGaps = new ArrayDeque<>();
    private long gapCount;
    private Duration gapTotal = Duration.ZERO;

    public ZoomWsStatus(Clock clock) {
        this.clock = clock;
    }

    public static ZoomWsStatus of(CamelContext camel) {
        return camel.getRegistry().lookupByNameAndType(BEAN_NAME, ZoomWsStatus.class);
    }

    public ZoomWsState state() {
        return state;
    }

    public boolean connected() {
        return state == ZoomWsState.CONNECTED;
    }

    public long reconnects() {
        return reconnects.get();
    }

    public String lastError() {
        return lastError;
    }

    public Instant connectedSince() {
        return connectedSince;
    }

    void state(ZoomWsState next) {
        if (next == ZoomWsState.CONNECTED && state != ZoomWsState.CONNECTED) {
            connectedSince = clock.instant();
        } else if (next != ZoomWsState.CONNECTED) {
            connectedSince = null;
        }
        state = next;
    }

    void error(String description) {
        lastError = description;
    }

    /** Reconnect attempts in the current outage (0 after a stable connection): what the next wait grows from. */
    int consecutiveFailures() {
        return consecutiveFailures;
    }

    void outage(Instant since, int attempts) {
        outageSince = since;
        consecutiveFailures = attempts;
    }

    /** Zoom rejected a freshly refreshed token too: a person must look; nothing is retried until a new token. */
    public boolean needsAttention() {
        return state == ZoomWsState.TOKEN_REJECTED || state == ZoomWsState.REAUTHORIZATION_REQUIRED;
    }

    synchronized void gap(ZoomWsGap gap) {
        lastGaps.addFirst(gap);
        while (lastGaps.size() > GAPS_LISTED) {
            lastGaps.removeLast();
        }
        gapCount++;
        gapTotal = gapTotal.plus(gap.duration());
    }

    /** The most recent gaps, newest first. */
    public synchronized List<ZoomWsGap> lastGaps() {
        return List.copyOf(lastGaps);
    }

    public synchronized Duration gapTotal() {
        return gapTotal;
    }

    synchronized double lastGapSeconds() {
        return lastGaps.isEmpty() ? 0 : lastGaps.peekFirst().duration().toMillis() / 1000.0;
    }

    private synchronized Map<String, Object> gapsJson() {
        Map<String, Object> gaps = new LinkedHashMap<>();
        gaps.put("count", gapCount);
        gaps.put("totalMs", gapTotal.toMillis());
        gaps.put("last", lastGaps.stream().map(ZoomWsGap::toJson).toList());
        return gaps;
    }

    void reconnectScheduled() {
        reconnects.incrementAndGet();
    }

    void eventReceived() {
        lastEventAt = clock.instant();
    }

    /** A frame arrived on a built connection (or it was just built): Zoom was alive at {@code at}. */
    void alive(Instant at) {
        lastAlive = at;
    }

    /** The last moment this process knew its Zoom connection alive; null before the first build. */
    Instant lastAlive() {
        return lastAlive;
    }

    /** The body of {@code GET /ws/status}. */
    public Map<String, Object> toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connected", connected());
        body.put("state", state.label());
        body.put("connectedSince", connectedSince == null ? null : connectedSince.toString());
        body.put("reconnects", reconnects.get());
        body.put("lastEventAt", lastEventAt == null ? null : lastEventAt.toString());
        body.put("lastError", lastError);
        body.put("needsAttention", needsAttention());
        boolean down = state != ZoomWsState.CONNECTED && outageSince != null;
        body.put("outageSince", down ? outageSince.toString() : null);
        body.put("attempts", consecutiveFailures);
        body.put("gaps", gapsJson());
        return body;
    }
}
