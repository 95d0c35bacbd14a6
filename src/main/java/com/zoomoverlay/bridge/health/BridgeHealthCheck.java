package com.zoomoverlay.bridge.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * One bridge {@link HealthContributor} as a Camel health check (group {@value HealthChecks#GROUP}), so
 * Camel's health and dev consoles and the {@code camel} CLI see it. Camel knows only UP, DOWN and UNKNOWN:
 * DEGRADED is UP to Camel (the bridge still serves, and its console must stay reachable) and the contract
 * state travels in the {@value #STATUS} detail, which {@code /health} reads back.
 */
final class BridgeHealthCheck extends AbstractHealthCheck {

    /** The contract state (UP, DEGRADED, DOWN) of one result. Dotted like Camel's own keys, so not echoed. */
    static final String STATUS = "bridge.status";
    /** The contributor's detail keys in its order: Camel keeps details in a hash map, {@code /health} keeps the order. */
    static final String FIELDS = "bridge.fields";

    private final HealthContributor contributor;

    BridgeHealthCheck(HealthContributor contributor) {
        super(HealthChecks.GROUP, contributor.name());
        this.contributor = contributor;
    }

    /**
     * Readiness only: every bridge check says whether this replica can do its work now, and none of them is
     * cured by restarting the process (a store outage or a missing login outlives a restart).
     */
    @Override
    public boolean isReadiness() {
        return true;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    /** A contributor that throws counts as DOWN with the exception's type, never its message (it may hold a secret). */
    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        HealthCheckResult result;
        try {
            result = contributor.check();
        } catch (RuntimeException e) {
            result = HealthCheckResult.down(Map.of("error", e.getClass().getSimpleName()));
        }
        result.details().forEach(builder::detail);
        builder.detail(STATUS, result.status().name());
        builder.detail(FIELDS, List.copyOf(result.details().keySet()));
        if (result.details().get("warning") instanceof String warning) {
            builder.message(warning);
        }
        if (result.status() == HealthStatus.DOWN) {
            builder.down();
        } else {
            builder.up();
        }
    }

    /**
     * The contract state of a Camel result: the {@value #STATUS} detail when the bridge wrote one, else Camel's
     * state. UNKNOWN (a check disabled through Camel's tooling, say) is DEGRADED: running, but unwatched.
     */
    static HealthStatus status(HealthCheck.Result result) {
        if (result.getDetails().get(STATUS) instanceof String status) {
            return HealthStatus.valueOf(status);
        }
        return switch (result.getState()) {
            case UP -> HealthStatus.UP;
            case DOWN -> HealthStatus.DOWN;
            case UNKNOWN -> HealthStatus.DEGRADED;
        };
    }

    /**
     * The {@code /health} entry of a result: its status, then the bridge's own details. Camel adds its
     * bookkeeping (check.id, invocation.count, failure.time, ...) under dotted keys; the bridge's keys are
     * plain camelCase, so dotted keys are Camel's and stay out of the contract. The order is the
     * contributor's ({@value #FIELDS}), then any other plain key sorted.
     */
    static Map<String, Object> entry(HealthCheck.Result result) {
        Map<String, Object> entry = new LinkedHashMap<>();
        HealthStatus status = status(result);
        entry.put("status", status.name());
        Map<String, Object> details = result.getDetails();
        if (details.get(FIELDS) instanceof List<?> fields) {
            fields.forEach(key -> entry.put((String) key, details.get(key)));
        }
        new TreeMap<>(details).forEach((key, value) -> {
            if (key.indexOf('.') < 0) {
                entry.putIfAbsent(key, value);
            }
        });
        if (!details.containsKey(STATUS) && status != HealthStatus.UP) {
            entry.putIfAbsent("warning", result.getMessage().orElse("Camel reports " + result.getState()));
        }
        return entry;
    }
}
