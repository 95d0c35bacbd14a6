package com.zoomoverlay.bridge.health;

/** Contract states of {@code /health}; a report is as bad as its worst check. */
public enum HealthStatus {
    /** Everything works. */
    UP,
    /** The service runs and its console is reachable, but something needs attention. */
    DEGRADED,
    /** The service cannot do its job (for example, its store is unavailable). */
    DOWN;

    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
