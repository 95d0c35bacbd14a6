package com.zoomoverlay.bridge.overlay;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code overlay_clients}, {@code overlay_clients_connected_total}, {@code overlay_frames_sent_total}, {@code overlay_frames_dropped_total{reason}},
 * {@code overlay_clients_closed_total{reason}} (closed by the bridge) and {@code overlay_clients_refused_total{reason}}.
 */
final class OverlayMetrics {

    private final MeterRegistry registry;
    private final Counter sent;
    private final Counter connected;
    private final Counter pongsDropped;

    OverlayMetrics(MeterRegistry registry, Supplier<Number> clients) {
        this.registry = registry;
        this.sent = Counter.builder("overlay.frames.sent").description("Frames written to overlay clients").register(registry);
        this.connected = Counter.builder("overlay.clients.connected").description("Overlay feed upgrades accepted")
                .register(registry);
        // one per ping a flooding client sends: looked up once, not per ping
        this.pongsDropped = droppedCounter("pong_backlog");
        Gauge.builder("overlay.clients", clients).description("Overlay feed clients connected").register(registry);
    }

    void sent() {
        sent.increment();
    }

    void connected() {
        connected.increment();
    }

    /** slow_client (its queue was full), pong_backlog (a ping not answered: its pongs were not leaving). */
    void dropped(String reason) {
        droppedCounter(reason).increment();
    }

    void pongDropped() {
        pongsDropped.increment();
    }

    private Counter droppedCounter(String reason) {
        return Counter.builder("overlay.frames.dropped").description("Frames not sent to an overlay client")
                .tag("reason", reason).register(registry);
    }

    /** no_pong, not_reading, flood, evicted. */
    void closed(String reason) {
        Counter.builder("overlay.clients.closed").description("Overlay clients the bridge closed, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    /** unauthorized, origin_not_allowed, too_many_clients, too_many_clients_from_address. */
    void refused(String reason) {
        Counter.builder("overlay.clients.refused").description("Overlay feed upgrades refused, by reason")
                .tag("reason", reason).register(registry).increment();
    }
}
