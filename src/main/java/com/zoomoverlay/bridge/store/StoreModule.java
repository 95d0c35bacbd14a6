package com.zoomoverlay.bridge.store;

import java.util.Map;
import java.util.Optional;

import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.health.HealthCheckResult;
import com.zoomoverlay.bridge.health.HealthChecks;
import com.zoomoverlay.bridge.health.HealthContributor;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;

/**
 * Opens the store (embedded H2 or PostgreSQL), migrates its schema and binds it as {@code dataSource}; on the
 * embedded store, the {@code store-compact} route gives dead space back every second ({@link StoreCompaction}).
 */
public final class StoreModule implements BridgeModule {

    /** Steps per run at most: enough to keep up with a burst, each one releasing the store lock after it. */
    static final int STEPS_PER_RUN = 8;

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        Database database = Database.open(settings.store());
        database.migrateEarly();
        camel.addService(database, true, true);
        camel.getRegistry().bind("dataSource", database.dataSource());
        camel.getRegistry().bind(Database.BEAN_NAME, database);
        HealthChecks.of(camel).add(health(database));
        if ("embedded".equals(database.kind())) {
            camel.addRoutes(compaction(database, MetricsModule.registry(camel)));
        }
    }

    /**
     * Every replica compacts its own file (the embedded store is never shared). The store is reached on the
     * first run, once it is open and migrated, so opening it stays off the start-up path.
     */
    private static RouteBuilder compaction(Database database, MeterRegistry registry) {
        return new RouteBuilder() {
            private Optional<StoreCompaction> compaction;

            @Override
            public void configure() {
                // bridge.store.compaction=false only to measure without it (docs/hardening.md)
                from("scheduler:store-compact?initialDelay=1000&delay=1000").routeId("store-compact")
                        .autoStartup("{{bridge.store.compaction:true}}")
                        .process(exchange -> {
                            if (compaction == null) {
                                compaction = StoreCompaction.of(database.dataSource(), registry);
                            }
                            // a sparse file moves full chunks too, one step a run: at most 512 KiB/s of churn
                            compaction.ifPresent(c -> {
                                int steps = c.sparse() ? 1 : STEPS_PER_RUN;
                                for (int i = 0; i < steps && c.step(); i++) {
                                    // each step moves at most StoreCompaction.STEP_BYTES
                                }
                            });
                        });
            }
        };
    }

    private static HealthContributor health(Database database) {
        return HealthContributor.of("store", () -> {
            Map<String, Object> details = Map.of("kind", database.kind());
            return database.isReachable() ? HealthCheckResult.up(details) : HealthCheckResult.down(details);
        });
    }
}
