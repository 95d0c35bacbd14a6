package com.zoomoverlay.bridge.delivery;

import java.time.Duration;

import com.zoomoverlay.bridge.config.PropertyReader;

/**
 * Tuning of delivery, from {@code bridge.delivery.*} (docs/delivery.md). The defaults suit a live show:
 * a failed delivery is tried again within a quarter of a second, then at most every 2 s, for up to
 * {@code max-age} (24 h unless a target says otherwise).
 */
public record DeliverySettings(
        RetryPolicy retry,
        Duration maxAge,
        Duration connectTimeout,
        Duration responseTimeout,
        long outboxLimit,
        int laneMemoryLimit,
        Duration retryCheck,
        Duration deadLetterRetention) {

    private static final String PREFIX = "bridge.delivery.";

    public static DeliverySettings load(PropertyReader p) {
        Duration maxAge = p.duration(PREFIX + "max-age",
                // the previous name of the same window
                p.millis(PREFIX + "retry-window-ms", Duration.ofHours(24).toMillis(), 1));
        return new DeliverySettings(
                new RetryPolicy(p.millis(PREFIX + "retry-initial-ms", 250, 1), p.millis(PREFIX + "retry-max-ms", 2_000, 1)),
                maxAge,
                p.millis(PREFIX + "connect-timeout-ms", 5_000, 1),
                p.millis(PREFIX + "response-timeout-ms", 10_000, 1),
                p.number(PREFIX + "outbox-limit", 100_000, 1, Long.MAX_VALUE),
                p.integer(PREFIX + "lane-memory-limit", 10_000, 2, 1_000_000),
                p.millis(PREFIX + "retry-check-ms", 250, 1),
                p.duration(PREFIX + "dead-letter-retention", Duration.ofDays(7)));
    }
}
