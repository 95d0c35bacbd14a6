package com.zoomoverlay.bridge.accept;

import java.time.Duration;

import com.zoomoverlay.bridge.config.InvalidSettingException;
import com.zoomoverlay.bridge.config.PropertyReader;
import com.zoomoverlay.bridge.zoom.ZoomWsSettings;

/** Tuning of the accept path, from {@code bridge.accept.*} and {@code bridge.store.*} (docs/delivery.md). */
public record AcceptSettings(
        int queueLimit,
        int websocketWindow,
        int maxBatch,
        int routingAttempts,
        Duration routingRetryDelay,
        Duration stallAfter,
        int recentIds,
        Duration sweepInterval,
        Duration eventRetention,
        long storeBudgetBytes) {

    public static AcceptSettings load(PropertyReader p) {
        AcceptSettings s = new AcceptSettings(
                p.integer("bridge.accept.queue-limit", 10_000, 10, 10_000_000),
                p.integer(ZoomWsSettings.ACCEPT_WINDOW, ZoomWsSettings.ACCEPT_WINDOW_DEFAULT, 1, 1_000_000),
                p.integer("bridge.accept.max-batch", 500, 1, 10_000),
                p.integer("bridge.accept.routing-attempts", 3, 1, 100),
                p.millis("bridge.accept.routing-retry-ms", 100, 1),
                p.millis("bridge.accept.stall-after-ms", 10_000, 1),
                p.integer("bridge.accept.recent-ids", 2_000, 1, 10_000_000),
                p.millis("bridge.accept.sweep-interval-ms", 1_000, 10),
                p.duration("bridge.store.event-retention", Duration.ofHours(2)),
                p.number("bridge.store.max-size-mb", 1_024, 1, Long.MAX_VALUE / (1024 * 1024)) * 1024 * 1024);
        if (s.websocketWindow() >= s.queueLimit()) {
            throw new InvalidSettingException(ZoomWsSettings.ACCEPT_WINDOW, "must be below bridge.accept.queue-limit");
        }
        return s;
    }
}
