package com.zoomoverlay.bridge.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;

/** The set of health contributors; modules add theirs at install time. */
public final class HealthChecks {

    public static final String BEAN_NAME = "healthChecks";

    private final List<HealthContributor> contributors = new CopyOnWriteArrayList<>();

    public static HealthChecks of(CamelContext camel) {
        HealthChecks checks = camel.getRegistry().lookupByNameAndType(BEAN_NAME, HealthChecks.class);
        if (checks == null) {
            throw new IllegalStateException("HealthModule must be installed before the modules that report health");
        }
        return checks;
    }

    public void add(HealthContributor contributor) {
        contributors.add(contributor);
    }

    /** Runs every check; a check that throws counts as DOWN with the exception's type, not its message. */
    public Report run() {
        Map<String, Object> results = new LinkedHashMap<>();
        HealthStatus overall = HealthStatus.UP;
        for (HealthContributor contributor : contributors) {
            HealthCheckResult result;
            try {
                result = contributor.check();
            } catch (RuntimeException e) {
                result = HealthCheckResult.down(Map.of("error", e.getClass().getSimpleName()));
            }
            overall = overall.worst(result.status());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", result.status().name());
            entry.putAll(result.details());
            results.put(contributor.name(), entry);
        }
        return new Report(overall, results);
    }

    /** The body of {@code /health}. */
    public record Report(HealthStatus status, Map<String, Object> checks) {
    }
}
