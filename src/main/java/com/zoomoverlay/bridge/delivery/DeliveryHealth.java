package com.zoomoverlay.bridge.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

import com.zoomoverlay.bridge.health.HealthCheckResult;
import com.zoomoverlay.bridge.health.HealthContributor;

/** DEGRADED when a target is failing (its head delivery is being retried) or the outbox nears its bound. */
final class DeliveryHealth implements HealthContributor {

    private final Outbox outbox;
    private final Map<String, WebhookDispatcher> dispatchers;
    private final long limit;

    DeliveryHealth(Outbox outbox, Map<String, WebhookDispatcher> dispatchers, long limit) {
        this.outbox = outbox;
        this.dispatchers = dispatchers;
        this.limit = limit;
    }

    @Override
    public String name() {
        return "delivery";
    }

    @Override
    public HealthCheckResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        long depth = outbox.pendingCount();
        details.put("outboxDepth", depth);
        details.put("outboxLimit", limit);
        boolean degraded = depth >= limit * 8 / 10;
        if (degraded) {
            details.put("warning", "outbox is at " + (depth * 100 / limit) + "% of its limit");
        }
        Map<String, String> failing = new LinkedHashMap<>();
        dispatchers.forEach((name, d) -> {
            if (d.lastError() != null) {
                failing.put(name, d.lastError());
            }
        });
        if (!failing.isEmpty()) {
            details.put("failingTargets", failing);
            degraded = true;
        }
        return degraded ? HealthCheckResult.degraded(details) : HealthCheckResult.up(details);
    }
}
