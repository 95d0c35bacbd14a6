package com.zoomoverlay.bridge.zoomhook;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code bridge_transport_*}: what the {@link TransportLedger} decided, per transport (tag values:
 * {@code websocket}, {@code webhook}). Registered at start with every tag, so a dashboard shows 0, not nothing.
 */
final class LedgerMetrics {

    private final MeterRegistry registry;

    LedgerMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String transport : TransportLedger.TRANSPORTS) {
            only(transport, 0);
            evicted(transport, 0);
            Counter.builder("bridge.transport.both").description("Events both transports delivered within the window")
                    .register(registry);
            lag(transport);
        }
    }

    /** An event only {@code transport} delivered: the other did not within the window. */
    void only(String transport) {
        only(transport, 1);
    }

    /** {@code second} delivered an event the other transport had delivered {@code behind} earlier. */
    void both(String second, Duration behind) {
        Counter.builder("bridge.transport.both").register(registry).increment();
        lag(second).record(behind);
    }

    void evicted(String first) {
        evicted(first, 1);
    }

    private void only(String transport, double amount) {
        Counter.builder("bridge.transport.only")
                .description("Events one transport delivered and the other did not within the window (what the redundancy saved)")
                .tag("transport", transport).register(registry).increment(amount);
    }

    private void evicted(String transport, double amount) {
        Counter.builder("bridge.transport.ledger.evicted")
                .description("Events pushed out of the transport ledger (full) before their window ended")
                .tag("transport", transport).register(registry).increment(amount);
    }

    private Timer lag(String transport) {
        return Timer.builder("bridge.transport.lag")
                .description("How far behind the other transport this one delivered the same event")
                .tag("transport", transport).register(registry);
    }
}
