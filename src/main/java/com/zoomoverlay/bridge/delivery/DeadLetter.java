package com.zoomoverlay.bridge.delivery;

import java.time.Instant;

/**
 * A delivery that was given up, as the admin API shows it. {@code reason} is why ({@code rejected},
 * {@code expired}, {@code routing_failed}, {@code outbox_full}, {@code store_failed}); {@code lastError}
 * the last failure's detail (e.g. {@code HTTP 400}).
 */
public record DeadLetter(long id, String deliveryId, String eventId, String target, String eventType, int attempts,
        String reason, String lastError, Instant createdAt, Instant deadLetteredAt) {
}
