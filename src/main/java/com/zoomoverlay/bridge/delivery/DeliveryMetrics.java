package com.zoomoverlay.bridge.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Delivery metrics per target and Zoom event type (both bounded: targets are configured, event types are
 * Zoom's fixed set): {@code delivery_*_total}, in-flight and outbox depth gauges, and the latency from
 * Zoom's {@code event_ts} to the receiver's 2xx.
 */
public final class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public DeliveryMetrics(MeterRegistry registry, Outbox outbox) {
        this.registry = registry;
        Gauge.builder("delivery.outbox.depth", outbox, o -> o.pendingCount())
                .description("Deliveries waiting in the outbox, all targets").register(registry);
    }

    void count(String outcome, String target, String eventType) {
        Counter.builder("delivery." + outcome)
                .description("Webhook deliveries: " + outcome)
                .tag("target", target).tag("event_type", eventType)
                .register(registry).increment();
    }

    void latency(String target, Duration sinceZoom) {
        Timer.builder("delivery.latency")
                .description("From Zoom's event_ts to the receiver's 2xx")
                .tag("target", target)
                .publishPercentileHistogram()
                .register(registry).record(sinceZoom.isNegative() ? Duration.ZERO : sinceZoom);
    }

    AtomicInteger inFlight(String target) {
        return inFlight.computeIfAbsent(target, t -> registry.gauge("delivery.inflight",
                io.micrometer.core.instrument.Tags.of("target", t), new AtomicInteger()));
    }
}
