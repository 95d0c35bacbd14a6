package com.zoomoverlay.bridge.health;

import java.util.Map;

import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;

/** Binds the health check set (Camel's health-check registry, group "bridge") and reports whether Camel itself is running. */
public final class HealthModule implements BridgeModule {

    @Override
    public void install(CamelContext camel, BridgeSettings settings) {
        HealthChecks checks = new HealthChecks(camel);
        camel.getRegistry().bind(HealthChecks.BEAN_NAME, checks);
        checks.add(HealthContributor.of("camel", () -> {
            ServiceStatus status = camel.getStatus();
            Map<String, Object> details = Map.of("context", status.name());
            return status.isStarted() ? HealthCheckResult.up(details) : HealthCheckResult.down(details);
        }));
    }
}
