package com.zoomoverlay.bridge.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Delivery metrics per target and event type ({@code delivery_*}): both bounded, since targets are
 * configured and event types are Zoom's fixed set (the intake refuses other shapes); dead letters also
 * by reason, a fixed set. Latency is Zoom's {@code event_ts} to the target's acknowledgement.
 */
public final class DeliveryMetrics {

    private static final java.util.regex.Pattern EVENT_TYPE = java.util.regex.Pattern.compile("[a-z0-9_.]{1,64}");

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    DeliveryMetrics(MeterRegistry registry, Supplier<Number> outboxDepth, long outboxLimit) {
        this.registry = registry;
        Gauge.builder("delivery.outbox.depth", outboxDepth)
                .description("Deliveries waiting to be sent, all targets (on the leader)").register(registry);
        Gauge.builder("delivery.outbox.limit", () -> outboxLimit)
                .description("bridge.delivery.outbox-limit: beyond it, new deliveries are dead-lettered (outbox_full)")
                .register(registry);
    }

    void received(String target, String eventType) {
        counter("received", "Deliveries stored for a target", target, eventType).increment();
    }

    void delivered(String target, String eventType, Long eventTs, Instant now) {
        counter("delivered", "Deliveries the target acknowledged", target, eventType).increment();
        if (eventTs != null) {
            Duration latency = Duration.between(Instant.ofEpochMilli(eventTs), now);
            Timer.builder("delivery.latency")
                    .description("From Zoom's event_ts to the target's acknowledgement")
                    .tag("target", target)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry).record(latency.isNegative() ? Duration.ZERO : latency);
        }
    }

    void retried(String target, String eventType) {
        counter("retried", "Attempts that failed and will be retried", target, eventType).increment();
    }

    void deadLettered(String target, String eventType, String reason) {
        Counter.builder("delivery.dead_lettered").description("Deliveries given up, by reason")
                .tags(Tags.of("target", target, "event_type", tag(eventType), "reason", reason))
                .register(registry).increment();
        counter("failed", "Deliveries given up (any reason)", target, eventType).increment();
    }

    AtomicInteger inFlight(String target) {
        return inFlight.computeIfAbsent(target, t -> registry.gauge("delivery.inflight", Tags.of("target", t),
                new AtomicInteger()));
    }

    private Counter counter(String name, String description, String target, String eventType) {
        return Counter.builder("delivery." + name).description(description)
                .tags(Tags.of("target", target, "event_type", tag(eventType))).register(registry);
    }

    /** Zoom's event types are a fixed set of short dotted names; anything else is one tag value. */
    private static String tag(String eventType) {
        return eventType != null && EVENT_TYPE.matcher(eventType).matches() ? eventType : "other";
    }
}
