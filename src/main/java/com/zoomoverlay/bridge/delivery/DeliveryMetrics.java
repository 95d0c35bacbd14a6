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
 * Meters are looked up once per name and tags and kept: building and registering one per delivery (tags,
 * the type check, the registry's map) was ~6 % of the event loops' time in a burst (BENCHMARKS.md).
 */
public final class DeliveryMetrics {

    /** Zoom has ~150 event types; a few targets times that, with room to spare. */
    static final int CACHED_METERS = 4096;
    private static final java.util.regex.Pattern EVENT_TYPE = java.util.regex.Pattern.compile("[a-z0-9_.]{1,64}");

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final Map<String, Timer> waits = new ConcurrentHashMap<>();
    private final Map<String, Timer> requests = new ConcurrentHashMap<>();

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
            long millis = now.toEpochMilli() - eventTs;
            latency.computeIfAbsent(target, t -> Timer.builder("delivery.latency")
                    .description("From Zoom's event_ts to the target's acknowledgement")
                    .tag("target", t)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry)).record(Math.max(0, millis), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /**
     * From the delivery's batch commit to its first request: the lane's share of the latency (the deliveries
     * ahead of it, a store read-back, a target that is down). With {@link #answered} it says on which side of
     * the wire a slow delivery lost its time.
     */
    void waited(String target, Duration wait) {
        stage(waits, "delivery.lane.wait", "From a delivery's commit to its first request to the target", target)
                .record(wait.isNegative() ? Duration.ZERO : wait);
    }

    /** One request, sent to answered (or failed): the target's and the network's share. */
    void answered(String target, long nanos) {
        stage(requests, "delivery.request", "From a request to the target's answer (or the failure), every attempt", target)
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private Timer stage(Map<String, Timer> timers, String name, String description, String target) {
        return timers.computeIfAbsent(target, t -> Timer.builder(name).description(description).tag("target", t)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry));
    }

    void retried(String target, String eventType) {
        counter("retried", "Attempts that failed and will be retried", target, eventType).increment();
    }

    void deadLettered(String target, String eventType, String reason) {
        cached(new MeterKey("dead_lettered", target, eventType, reason),
                () -> Counter.builder("delivery.dead_lettered").description("Deliveries given up, by reason")
                        .tags(Tags.of("target", target, "event_type", tag(eventType), "reason", reason))
                        .register(registry)).increment();
        counter("failed", "Deliveries given up (any reason)", target, eventType).increment();
    }

    AtomicInteger inFlight(String target) {
        return inFlight.computeIfAbsent(target, t -> registry.gauge("delivery.inflight", Tags.of("target", t),
                new AtomicInteger()));
    }

    private Counter counter(String name, String description, String target, String eventType) {
        return cached(new MeterKey(name, target, eventType, null),
                () -> Counter.builder("delivery." + name).description(description)
                        .tags(Tags.of("target", target, "event_type", tag(eventType))).register(registry));
    }

    /** Past {@link #CACHED_METERS} keys (odd event types that all count as "other") the registry is asked each time. */
    private Counter cached(MeterKey key, Supplier<Counter> register) {
        Counter known = counters.get(key);
        if (known != null) {
            return known;
        }
        Counter counter = register.get();
        if (counters.size() < CACHED_METERS) {
            counters.putIfAbsent(key, counter);
        }
        return counter;
    }

    /**
     * A meter's name and raw tag values. The raw event type is part of the key, so the cache is bounded by
     * {@link #CACHED_METERS}, not by the registry.
     */
    private record MeterKey(String name, String target, String eventType, String reason) {
    }

    /** Zoom's event types are a fixed set of short dotted names; anything else is one tag value. */
    private static String tag(String eventType) {
        return eventType != null && EVENT_TYPE.matcher(eventType).matches() ? eventType : "other";
    }
}
