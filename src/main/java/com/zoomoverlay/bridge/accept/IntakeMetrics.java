package com.zoomoverlay.bridge.accept;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code bridge_accept_*} and {@code bridge_events_*}: what the intake stored, dropped and refused, how
 * large its batches are, how long a commit takes, and whether the stream is moving. Tags are bounded
 * (transports and reasons are fixed sets).
 */
final class IntakeMetrics {

    private final MeterRegistry registry;
    private final Counter routingRetries;
    private final Counter routingFailed;
    private final Counter commitFailures;
    private final DistributionSummary batchSize;
    private final Timer commitTime;

    IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.routingRetries = Counter.builder("bridge.events.routing.retries")
                .description("Route attempts that failed and were retried in place").register(registry);
        this.routingFailed = Counter.builder("bridge.events.routing.failed")
                .description("Events whose routes failed every attempt (dead-lettered as routing_failed)").register(registry);
        this.commitFailures = Counter.builder("bridge.accept.commit.failures")
                .description("Batch commits the store refused (retried, then split)").register(registry);
        this.batchSize = DistributionSummary.builder("bridge.accept.batch.size")
                .description("Events per group commit").register(registry);
        // a histogram: the commit is the intake's share of every event's latency, and its tail is what to watch
        this.commitTime = Timer.builder("bridge.accept.commit")
                .description("Time to route and commit one batch")
                .publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofMillis(1))
                .maximumExpectedValue(java.time.Duration.ofSeconds(30))
                .register(registry);
    }

    /** The gauges that read the live intake. */
    void watch(EventIntake intake, int queueLimit, StreamWatch watch) {
        Gauge.builder("bridge.accept.queue.depth", intake, EventIntake::queued)
                .description("Events waiting for the intake").register(registry);
        Gauge.builder("bridge.accept.queue.limit", () -> queueLimit)
                .description("Capacity of the intake queue (bridge.accept.queue-limit)").register(registry);
        Gauge.builder("bridge.accept.waiting", watch, w -> w.waiting().toMillis() / 1000.0).baseUnit("seconds")
                .description("How long accepted events have waited without a commit (0 when idle)").register(registry);
        Gauge.builder("bridge.stream.stalled", watch, w -> w.stalled() ? 1 : 0)
                .description("1 while accepted events are not being stored or routed").register(registry);
    }

    void accepted(String transport) {
        Counter.builder("bridge.events.accepted").description("Events stored, by the transport that brought them first")
                .tag("transport", transport).register(registry).increment();
    }

    void duplicate(String transport) {
        Counter.builder("bridge.events.duplicates").description("Repeats of stored events dropped, by transport")
                .tag("transport", transport).register(registry).increment();
    }

    void rejected(String reason) {
        Counter.builder("bridge.events.rejected").description("Events refused before they were stored, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    void lost(String reason) {
        Counter.builder("bridge.events.lost").description("Accepted events that could not be stored even as a dead letter")
                .tag("reason", reason).register(registry).increment();
    }

    void routingFailedAttempt() {
        routingRetries.increment();
    }

    void routingFailed() {
        routingFailed.increment();
    }

    void commitFailed() {
        commitFailures.increment();
    }

    void batch(int size, Duration took) {
        batchSize.record(size);
        commitTime.record(took);
    }
}
