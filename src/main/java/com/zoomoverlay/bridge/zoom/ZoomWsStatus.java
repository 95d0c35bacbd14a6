package com.zoomoverlay.bridge.zoom;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
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

    private final Clock clock;
    private final AtomicLong reconnects = new AtomicLong();
    private volatile ZoomWsState state = ZoomWsState.STOPPED;
    private volatile Instant connectedSince;
    private volatile Instant lastEventAt;
    private volatile String lastError;
    private volatile int consecutiveFailures;

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

    /** Failures since the last stable connection: what the next backoff grows from. */
    int consecutiveFailures() {
        return consecutiveFailures;
    }

    void consecutiveFailures(int failures) {
        consecutiveFailures = failures;
    }

    void reconnectScheduled() {
        reconnects.incrementAndGet();
    }

    void eventReceived() {
        lastEventAt = clock.instant();
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
        return body;
    }
}
