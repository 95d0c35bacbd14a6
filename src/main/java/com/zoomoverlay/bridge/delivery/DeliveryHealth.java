package com.zoomoverlay.bridge.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

import com.zoomoverlay.bridge.health.HealthCheckResult;
import com.zoomoverlay.bridge.health.HealthContributor;

/**
 * DEGRADED when a target is failing (its last attempt failed), when the outbox nears its bound (80 %),
 * and, louder, when it is full and new deliveries are being dead-lettered as {@code outbox_full}.
 */
final class DeliveryHealth implements HealthContributor {

    private final DeliveryEngine engine;

    DeliveryHealth(DeliveryEngine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "delivery";
    }

    @Override
    public HealthCheckResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        long depth = engine.pending();
        long limit = engine.outboxLimit();
        details.put("outboxDepth", depth);
        details.put("outboxLimit", limit);
        boolean degraded = false;
        if (depth >= limit) {
            details.put("warning", "outbox full: new deliveries are dead-lettered (reason outbox_full) until it drains");
            degraded = true;
        } else if (depth >= limit * 8 / 10) {
            details.put("warning", "outbox is at " + (depth * 100 / limit) + "% of its limit");
            degraded = true;
        }
        Map<String, String> failing = engine.failingTargets();
        if (!failing.isEmpty()) {
            details.put("failingTargets", failing);
            degraded = true;
        }
        return degraded ? HealthCheckResult.degraded(details) : HealthCheckResult.up(details);
    }
}
