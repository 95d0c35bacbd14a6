package com.zoomoverlay.bridge.accept;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last events this process stored, so the common repeat (the same event on both
 * transports, a WebSocket resend) is dropped without asking the store. Bounded; the store's unique key
 * catches whatever has left it. Used from the intake's one thread.
 */
final class RecentEvents {

    private final Map<String, Boolean> ids;

    RecentEvents(int capacity) {
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    boolean contains(String eventId) {
        return ids.containsKey(eventId);
    }

    void add(String eventId) {
        ids.put(eventId, Boolean.TRUE);
    }
}
