package com.zoomoverlay.bridge.zoom;

import java.util.LinkedHashMap;
import java.util.Map;

import com.zoomoverlay.bridge.cluster.ClusterModule;
import com.zoomoverlay.bridge.cluster.Leadership;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.config.PropertyReader;
import com.zoomoverlay.bridge.health.HealthCheckResult;
import com.zoomoverlay.bridge.health.HealthChecks;
import com.zoomoverlay.bridge.health.HealthContributor;
import com.zoomoverlay.bridge.http.HttpModule;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.store.Database;
import com.zoomoverlay.bridge.wiring.BridgeClock;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import org.apache.camel.CamelContext;

/**
 * The Zoom Event WebSocket concern: the {@code zoom-ws} component, the {@code zoom-ws-consumer} route,
 * {@code GET /ws/status}, the {@code zoom} health check, the {@code zoom_ws_*} metrics, and the stored
 * moment Zoom was last alive ({@code zoom-ws-alive}), from which a restart or failover reports a gap.
 */
public final class ZoomModule implements BridgeModule {

    /** How often the leader stores when Zoom was last alive (at most one small write per interval). */
    static final String ALIVE_WRITE_MS = "bridge.zoom.ws.alive-write-ms";

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        ZoomWsSettings ws = ZoomWsSettings.load(key -> camel.getPropertiesComponent().resolveProperty(key));
        ZoomWsStatus status = new ZoomWsStatus(BridgeClock.of(camel));
        ZoomWsMetrics metrics = new ZoomWsMetrics(MetricsModule.registry(camel), status);
        ZoomWsComponent component = new ZoomWsComponent(settings.zoom().websocketUrl(), ws,
                BridgeClock.of(camel), status, metrics);
        camel.addComponent(ZoomWsComponent.SCHEME, component);
        camel.getRegistry().bind(ZoomWsStatus.BEAN_NAME, status);
        HttpModule.onRouterReady(camel, router -> component.useVertx(router.vertx()));

        Leadership leadership = Leadership.of(camel);
        HealthChecks.of(camel).add(HealthContributor.of("zoom", () -> health(status, leadership)));
        Database database = camel.getRegistry().lookupByNameAndType(Database.BEAN_NAME, Database.class);
        LastAlive lastAlive = database == null ? null : new LastAlive(database.jdbc(), leadership.replica(), status);
        component.lastAlive(lastAlive);
        long aliveWriteMs = new PropertyReader(key -> camel.getPropertiesComponent().resolveProperty(key))
                .number(ALIVE_WRITE_MS, 5_000, 10, 3_600_000);
        camel.addRoutes(new ZoomRoutes(ws, status, metrics, leadership, lastAlive, aliveWriteMs));
    }

    private static HealthCheckResult health(ZoomWsStatus status, Leadership leadership) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", status.state().label());
        details.put("reconnects", status.reconnects());
        if (!leadership.isLeader(ClusterModule.GROUP)) {
            // A standby replica holds no socket by design.
            details.put("role", "standby");
            return HealthCheckResult.up(details);
        }
        if (status.lastError() != null) {
            details.put("lastError", status.lastError());
        }
        if (status.needsAttention()) {
            // Nothing will be retried until a person acts (log in again, fix the app's scopes).
            details.put("needsAttention", true);
        }
        return status.connected() ? HealthCheckResult.up(details) : HealthCheckResult.degraded(details);
    }
}
