package com.zoomoverlay.bridge.overlay;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code overlay_clients}, {@code overlay_frames_sent_total}, {@code overlay_frames_dropped_total{reason}}. */
final class OverlayMetrics {

    private final MeterRegistry registry;
    private final Counter sent;

    OverlayMetrics(MeterRegistry registry, Supplier<Number> clients) {
        this.registry = registry;
        this.sent = Counter.builder("overlay.frames.sent").description("Frames written to overlay clients").register(registry);
        Gauge.builder("overlay.clients", clients).description("Overlay feed clients connected").register(registry);
    }

    void sent() {
        sent.increment();
    }

    void dropped(String reason) {
        Counter.builder("overlay.frames.dropped").description("Frames not sent to an overlay client")
                .tag("reason", reason).register(registry).increment();
    }
}
