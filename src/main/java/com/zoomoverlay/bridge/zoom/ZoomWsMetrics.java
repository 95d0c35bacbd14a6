package com.zoomoverlay.bridge.zoom;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's Micrometer meters ({@code zoom_ws_*} in Prometheus). Every tag value comes from a
 * fixed set: close codes outside the known ones are reported as {@code other}.
 */
public final class ZoomWsMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(ZoomWsMetrics.class);
    private static final Set<Integer> KNOWN_CODES = Set.of(1000, 1001, 1002, 1003, 1006, 1007, 1008, 1009, 1011,
            4001, 4700);

    private final MeterRegistry registry;
    private final Counter connects;
    private final Counter reconnectAttempts;
    private final Counter duplicates;
    private final Counter events;
    private final Timer heartbeatRoundTrip;
    private final Timer gaps;
    private final Timer acceptToConnected;
    private final Set<ZoomFrame.Kind> loggedKinds = ConcurrentHashMap.newKeySet();

    public ZoomWsMetrics(MeterRegistry registry, ZoomWsStatus status) {
        this.registry = registry;
        this.connects = Counter.builder("zoom.ws.connects").description("Event WebSocket connections established")
                .register(registry);
        this.reconnectAttempts = Counter.builder("zoom.ws.reconnect.attempts")
                .description("Reconnects scheduled after a failure or disconnect").register(registry);
        this.duplicates = Counter.builder("zoom.ws.duplicates").description("Repeated events dropped")
                .register(registry);
        this.events = Counter.builder("zoom.ws.events").description("Events decoded and handed to the route")
                .register(registry);
        this.heartbeatRoundTrip = Timer.builder("zoom.ws.heartbeat.rtt")
                .description("Heartbeat sent to heartbeat answered").register(registry);
        this.gaps = Timer.builder("zoom.ws.gaps")
                .description("Windows in which Zoom events may be missing: last frame of a lost connection to the next build_connection")
                .register(registry);
        this.acceptToConnected = Timer.builder("zoom.ws.reconnect.accept.to.connected")
                .description("After a drop: first upgrade Zoom accepted to build_connection").register(registry);
        Gauge.builder("zoom.ws.last.gap", status, ZoomWsStatus::lastGapSeconds).baseUnit("seconds")
                .description("Length of the most recent gap").register(registry);
        for (ZoomWsState state : ZoomWsState.values()) {
            Gauge.builder("zoom.ws.connection.state", status, s -> s.state() == state ? 1 : 0)
                    .description("1 for the connection's current state").tag("state", state.label()).register(registry);
        }
    }

    void connected() {
        connects.increment();
    }

    void disconnected(Short code) {
        String tag = code == null ? "none" : KNOWN_CODES.contains((int) code) ? String.valueOf(code) : "other";
        Counter.builder("zoom.ws.disconnects").description("Connections lost, by close code").tag("code", tag)
                .register(registry).increment();
    }

    void reconnectScheduled() {
        reconnectAttempts.increment();
    }

    void gap(ZoomWsGap gap) {
        gaps.record(gap.duration());
        if (gap.acceptToConnected() != null) {
            acceptToConnected.record(gap.acceptToConnected());
        }
    }

    void heartbeatAnswered(Duration roundTrip) {
        heartbeatRoundTrip.record(roundTrip);
    }

    void frame(ZoomFrame frame) {
        Counter.builder("zoom.ws.frames").description("Frames received, by module").tag("module", module(frame))
                .register(registry).increment();
        if (frame instanceof ZoomFrame.Event) {
            events.increment();
        }
    }

    private static String module(ZoomFrame frame) {
        if (frame instanceof ZoomFrame.BuildConnection) {
            return "build_connection";
        }
        if (frame instanceof ZoomFrame.HeartbeatReply) {
            return "heartbeat";
        }
        if (frame instanceof ZoomFrame.Rejected rejected) {
            return switch (rejected.kind()) {
                case CONTENT_NOT_JSON, NOT_AN_EVENT -> "message";
                case UNKNOWN_MODULE -> "unknown";
                case NOT_JSON, OVERSIZED -> "unparsed";
            };
        }
        return "message";
    }

    /** Counts a dropped frame; the first of each kind is logged, the rest only counted. */
    void decodeFailure(ZoomFrame.Kind kind, int chars) {
        Counter.builder("zoom.ws.decode.failures").description("Frames dropped, by reason").tag("kind", kind.tag())
                .register(registry).increment();
        if (loggedKinds.add(kind)) {
            LOG.warn("zoom frame dropped kind={} chars={} (logged once per kind; see zoom_ws_decode_failures_total)",
                    kind.tag(), chars);
        }
    }

    /**
     * A message over the WebSocket stack's limit, refused before the decoder could see it: counted with the
     * decoder's own oversized frames, logged once per kind with its size (never its content).
     */
    void oversizedAtStack(long atLeastBytes) {
        Counter.builder("zoom.ws.decode.failures").description("Frames dropped, by reason")
                .tag("kind", ZoomFrame.Kind.OVERSIZED.tag()).register(registry).increment();
        if (loggedKinds.add(ZoomFrame.Kind.OVERSIZED)) {
            LOG.warn("zoom frame dropped kind={} bytes>={} (over the WebSocket limit; logged once per kind; see zoom_ws_decode_failures_total)",
                    ZoomFrame.Kind.OVERSIZED.tag(), atLeastBytes);
        }
    }

    void duplicate() {
        duplicates.increment();
    }

    void tokenRefresh(String outcome) {
        Counter.builder("zoom.ws.token.refreshes").description("Refreshes asked for after a 4700 close, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }
}
