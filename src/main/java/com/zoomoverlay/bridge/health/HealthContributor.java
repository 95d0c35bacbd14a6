package com.zoomoverlay.bridge.health;

import java.util.function.Supplier;

/** A named part of the bridge that can say how it is doing. Must answer fast and never throw. */
public interface HealthContributor {

    String name();

    HealthCheckResult check();

    static HealthContributor of(String name, Supplier<HealthCheckResult> check) {
        return new HealthContributor() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckResult check() {
                return check.get();
            }
        };
    }
}
