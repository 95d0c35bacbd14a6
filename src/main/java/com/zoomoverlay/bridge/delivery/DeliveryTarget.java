package com.zoomoverlay.bridge.delivery;

import java.time.Duration;

import com.zoomoverlay.bridge.delivery.targets.Sender;

/**
 * A configured downstream target: its name (used by routes and metrics), its kind and sender, how
 * long a delivery stays worth sending ({@code max-age}), and how many requests may be on the wire at
 * once ({@code max-in-flight}; 1 keeps strict order).
 */
public record DeliveryTarget(String name, String kind, Duration maxAge, int maxInFlight, Sender sender) {
}
