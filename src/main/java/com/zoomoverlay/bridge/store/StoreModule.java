package com.zoomoverlay.bridge.store;

import java.util.Map;

import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.health.HealthCheckResult;
import com.zoomoverlay.bridge.health.HealthChecks;
import com.zoomoverlay.bridge.health.HealthContributor;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import org.apache.camel.CamelContext;

/** Opens the store (embedded H2 or PostgreSQL), migrates its schema and binds it as {@code dataSource}. */
public final class StoreModule implements BridgeModule {

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        Database database = Database.open(settings.store());
        database.migrateEarly();
        camel.addService(database, true, true);
        camel.getRegistry().bind("dataSource", database.dataSource());
        camel.getRegistry().bind(Database.BEAN_NAME, database);
        HealthChecks.of(camel).add(health(database));
    }

    private static HealthContributor health(Database database) {
        return HealthContributor.of("store", () -> {
            Map<String, Object> details = Map.of("kind", database.kind());
            return database.isReachable() ? HealthCheckResult.up(details) : HealthCheckResult.down(details);
        });
    }
}
