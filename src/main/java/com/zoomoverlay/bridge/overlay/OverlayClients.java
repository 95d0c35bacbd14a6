package com.zoomoverlay.bridge.overlay;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The feed's clients and the slots they hold, in total and per address. A slot is taken before the upgrade
 * (so a burst of upgrades cannot overshoot) and given back when the client goes. When a limit is reached,
 * the oldest client in its scope that has never answered a ping is evicted to make room: a real browser
 * answers the bridge's first ping within a round trip, so idle or half-dead sockets cannot keep real
 * overlays out, and a new browser is never the oldest. Only when every client in scope has answered is the
 * newcomer refused.
 */
final class OverlayClients {

    /** Why a newcomer got no slot (metric tag and error code). */
    enum Refusal {
        TOO_MANY_CLIENTS("too_many_clients"), TOO_MANY_FROM_ADDRESS("too_many_clients_from_address");

        final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }
    }

    private final OverlayLimits limits;
    private final Map<OverlayClient, Boolean> clients = new ConcurrentHashMap<>();
    /** Slots per address, connected and upgrading together; guarded by this. */
    private final Map<String, Integer> slots = new HashMap<>();
    private int taken;
    private final java.util.concurrent.atomic.AtomicLong order = new java.util.concurrent.atomic.AtomicLong();

    OverlayClients(OverlayLimits limits) {
        this.limits = limits;
    }

    /**
     * Takes a slot for a newcomer from {@code address}, or says why not. {@code evict} gets the client that
     * must go to make room (called outside the lock: closing it gives its slot back).
     */
    Optional<Refusal> reserve(String address, java.util.function.Consumer<OverlayClient> evict) {
        OverlayClient victim = null;
        Optional<Refusal> refusal = Optional.empty();
        synchronized (this) {
            if (slots.getOrDefault(address, 0) >= limits.maxClientsPerAddress()) {
                victim = oldestUnanswered(address);
                refusal = victim == null ? Optional.of(Refusal.TOO_MANY_FROM_ADDRESS) : refusal;
            } else if (taken >= limits.maxClients()) {
                victim = oldestUnanswered(null);
                refusal = victim == null ? Optional.of(Refusal.TOO_MANY_CLIENTS) : refusal;
            }
            if (victim != null) {
                release(victim);
            }
            if (refusal.isEmpty()) {
                slots.merge(address, 1, Integer::sum);
                taken++;
            }
        }
        if (victim != null) {
            evict.accept(victim);
        }
        return refusal;
    }

    /** The upgrade failed: its slot goes back. */
    synchronized void cancel(String address) {
        giveBack(address);
    }

    /** The next place in the order of connection. */
    long nextOrder() {
        return order.incrementAndGet();
    }

    void add(OverlayClient client) {
        clients.put(client, Boolean.TRUE);
    }

    /** The client is gone (closed by either side, or evicted); its slot goes back once. */
    synchronized void release(OverlayClient client) {
        if (clients.remove(client) != null) {
            giveBack(client.address());
        }
    }

    Collection<OverlayClient> all() {
        return clients.keySet();
    }

    int size() {
        return clients.size();
    }

    private OverlayClient oldestUnanswered(String address) {
        return clients.keySet().stream()
                .filter(c -> !c.answered() && (address == null || address.equals(c.address())))
                .min(Comparator.comparingLong(OverlayClient::order))
                .orElse(null);
    }

    private void giveBack(String address) {
        slots.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
        taken = Math.max(0, taken - 1);
    }
}
