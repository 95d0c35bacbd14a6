package com.zoomoverlay.bridge.delivery.targets;

/**
 * One delivery as a sender sees it. {@code deliveryId} is stable across retries and replays (the
 * Standard Webhooks {@code webhook-id}); {@code body} is what the route handed to the building block
 * (the event JSON, or what a Kamelet shaped for its product); {@code attempt} counts from 1.
 */
public record OutgoingDelivery(String deliveryId, String target, String eventType, Long eventTs, String body, int attempt) {
}
