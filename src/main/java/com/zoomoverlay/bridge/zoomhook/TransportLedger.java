package com.zoomoverlay.bridge.zoomhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.zoomoverlay.bridge.accept.Acceptance;
import com.zoomoverlay.bridge.accept.ArrivalListener;

/**
 * What the redundancy of two transports saved: for each event, which transport brought it first and
 * whether the other one brought it too within {@code window}. An event the other transport never
 * brought counts as {@code only} for the first one; an event both brought counts as {@code both}, with
 * how far the second was behind. Bounded by {@code window} (time on the injected clock) and
 * {@code capacity} (an event pushed out early is counted as {@code evicted}, not guessed at). One
 * process's view: behind a load balancer each replica counts what reached it.
 */
final class TransportLedger implements ArrivalListener {

    static final Set<String> TRANSPORTS = Set.of("websocket", "webhook");

    private final Clock clock;
    private final Duration window;
    private final int capacity;
    private final LedgerMetrics metrics;
    // insertion order is arrival order, so the oldest entries are at the head
    private final LinkedHashMap<String, First> open = new LinkedHashMap<>();

    TransportLedger(Clock clock, Duration window, int capacity, LedgerMetrics metrics) {
        this.clock = clock;
        this.window = window;
        this.capacity = capacity;
        this.metrics = metrics;
    }

    @Override
    public synchronized void arrived(String eventId, String transport, Acceptance acceptance) {
        if (!TRANSPORTS.contains(transport)) {
            return;
        }
        Instant now = clock.instant();
        expire(now);
        First first = open.get(eventId);
        if (first == null) {
            // A repeat nobody here saw first (stored before a restart, or by another replica) says nothing.
            if (acceptance == Acceptance.STORED) {
                open.put(eventId, new First(transport, now));
                if (open.size() > capacity) {
                    Iterator<First> eldest = open.values().iterator();
                    metrics.evicted(eldest.next().transport);
                    eldest.remove();
                }
            }
        } else if (!first.transport.equals(transport)) {
            open.remove(eventId);
            metrics.both(transport, Duration.between(first.at, now));
        }
        // the same transport again (a Zoom retry, a WebSocket resend) changes nothing
    }

    /** Decides the events whose window has passed: the other transport never brought them. */
    synchronized void expire(Instant now) {
        Instant cutoff = now.minus(window);
        for (Iterator<Map.Entry<String, First>> it = open.entrySet().iterator(); it.hasNext(); ) {
            First first = it.next().getValue();
            if (first.at.isAfter(cutoff)) {
                return;
            }
            metrics.only(first.transport);
            it.remove();
        }
    }

    synchronized int size() {
        return open.size();
    }

    void expireNow() {
        expire(clock.instant());
    }

    private record First(String transport, Instant at) {
    }
}
