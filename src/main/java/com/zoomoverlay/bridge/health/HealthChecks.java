package com.zoomoverlay.bridge.health;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * The bridge's health checks, kept in Camel's {@link HealthCheckRegistry} (group {@value #GROUP}); modules
 * add theirs at install time. {@link #run()} is {@code /health}: it asks the registry's bridge checks and
 * folds their results into the contract's UP / DEGRADED / DOWN. Camel's own checks (context, and whatever
 * {@code camel.health.*} enables) are for Camel's tooling and never change {@code /health}.
 */
public final class HealthChecks {

    public static final String BEAN_NAME = "healthChecks";
    /** The Camel health-check group of every bridge check. */
    public static final String GROUP = "bridge";

    private final HealthCheckRegistry registry;

    HealthChecks(CamelContext camel) {
        this.registry = HealthCheckRegistry.get(camel);
        if (registry == null) {
            throw new IllegalStateException("no Camel HealthCheckRegistry: camel-health must be on the classpath");
        }
    }

    public static HealthChecks of(CamelContext camel) {
        HealthChecks checks = camel.getRegistry().lookupByNameAndType(BEAN_NAME, HealthChecks.class);
        if (checks == null) {
            throw new IllegalStateException("HealthModule must be installed before the modules that report health");
        }
        return checks;
    }

    /** Registers {@code contributor} as a Camel health check named after it; names must be unique. */
    public void add(HealthContributor contributor) {
        if (!registry.register(new BridgeHealthCheck(contributor))) {
            throw new IllegalStateException("a health check named " + contributor.name() + " is already registered");
        }
    }

    /**
     * Runs every bridge check, in the order they were added. All of them, whatever
     * {@code camel.health.exclude-pattern} says: that setting is for Camel's tooling, {@code /health} is the
     * contract.
     */
    public Report run() {
        Map<String, Object> results = new LinkedHashMap<>();
        HealthStatus overall = HealthStatus.UP;
        for (Iterator<HealthCheck> it = registry.stream().filter(c -> GROUP.equals(c.getGroup())).iterator(); it.hasNext(); ) {
            HealthCheck check = it.next();
            HealthCheck.Result result = check.call();
            overall = overall.worst(BridgeHealthCheck.status(result));
            results.put(check.getId(), BridgeHealthCheck.entry(result));
        }
        return new Report(overall, results);
    }

    /** The body of {@code /health}. */
    public record Report(HealthStatus status, Map<String, Object> checks) {
    }
}
