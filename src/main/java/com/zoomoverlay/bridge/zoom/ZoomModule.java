package com.zoomoverlay.bridge.zoom;

import java.util.LinkedHashMap;
import java.util.Map;

import com.zoomoverlay.bridge.Application;
import com.zoomoverlay.bridge.BridgeModule;
import com.zoomoverlay.bridge.cluster.ClusterModule;
import com.zoomoverlay.bridge.cluster.Leadership;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.health.HealthCheckResult;
import com.zoomoverlay.bridge.health.HealthChecks;
import com.zoomoverlay.bridge.health.HealthContributor;
import com.zoomoverlay.bridge.http.HttpModule;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import org.apache.camel.CamelContext;

/**
 * The Zoom Event WebSocket concern: the {@code zoom-ws} component, the {@code zoom-ws-consumer} route,
 * {@code GET /ws/status}, the {@code zoom} health check and the {@code zoom_ws_*} metrics.
 */
public final class ZoomModule implements BridgeModule {

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        ZoomWsSettings ws = ZoomWsSettings.load(key -> camel.getPropertiesComponent().resolveProperty(key));
        ZoomWsStatus status = new ZoomWsStatus(Application.clock(camel));
        ZoomWsMetrics metrics = new ZoomWsMetrics(MetricsModule.registry(camel), status);
        ZoomWsComponent component = new ZoomWsComponent(settings.zoom().websocketUrl(), ws,
                Application.clock(camel), status, metrics);
        camel.addComponent(ZoomWsComponent.SCHEME, component);
        camel.getRegistry().bind(ZoomWsStatus.BEAN_NAME, status);
        HttpModule.onRouterReady(camel, router -> component.useVertx(router.vertx()));

        Leadership leadership = Leadership.of(camel);
        HealthChecks.of(camel).add(HealthContributor.of("zoom", () -> health(status, leadership)));
        camel.addRoutes(new ZoomRoutes(ws, status, metrics, leadership));
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
