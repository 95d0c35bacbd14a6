package com.zoomoverlay.bridge.health;

import java.util.Map;

/** One check's outcome: a status and a few bounded, secret-free details for the on-call person. */
public record HealthCheckResult(HealthStatus status, Map<String, Object> details) {

    public static HealthCheckResult up(Map<String, Object> details) {
        return new HealthCheckResult(HealthStatus.UP, details);
    }

    public static HealthCheckResult degraded(Map<String, Object> details) {
        return new HealthCheckResult(HealthStatus.DEGRADED, details);
    }

    public static HealthCheckResult down(Map<String, Object> details) {
        return new HealthCheckResult(HealthStatus.DOWN, details);
    }
}
