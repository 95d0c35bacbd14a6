package com.zoomoverlay.bridge.delivery;

import java.time.Instant;

/**
 * One pending delivery in a target's lane: what the sender needs, and the attempt count and first
 * attempt the lane updates as it goes (only ever from the lane's own context).
 */
final class LaneItem {

    final long id;
    final String deliveryId;
    final String eventType;
    final Long eventTs;
    final String body;
    final Instant createdAt;
    final Instant enqueuedAt;
    int attempts;
    Instant firstAttemptAt;

    LaneItem(long id, String deliveryId, String eventType, Long eventTs, String body, int attempts, Instant createdAt,
            Instant enqueuedAt, Instant firstAttemptAt) {
        this.id = id;
        this.deliveryId = deliveryId;
        this.eventType = eventType;
        this.eventTs = eventTs;
        this.body = body;
        this.attempts = attempts;
        this.createdAt = createdAt;
        this.enqueuedAt = enqueuedAt;
        this.firstAttemptAt = firstAttemptAt;
    }
}
