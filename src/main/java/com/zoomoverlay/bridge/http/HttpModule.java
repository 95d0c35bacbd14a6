package com.zoomoverlay.bridge.http;

import com.zoomoverlay.bridge.BridgeModule;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.health.HealthChecks;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.apache.camel.spi.CamelEvent;

/**
 * The one HTTP port: observability routes, and, on the shared Vert.x router, the security headers,
 * request metrics and JSON error pages that every response gets, 404s included.
 */
public final class HttpModule implements BridgeModule {

    /** Runs before platform-http's own handlers, so nothing can answer without the headers. */
    static final int FIRST = -10_000;

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        camel.addRoutes(new HttpErrorsConfiguration());
        camel.addRoutes(new ObservabilityRoutes(HealthChecks.of(camel), MetricsModule.prometheus(camel)));
        // The router exists once the main HTTP server service has started, before any route consumes.
        camel.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextRoutesStartingEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                customize(camel, routerOf(camel, settings.port()));
            }
        });
    }

    /** The platform router, for modules that attach Vert.x handlers (WebSockets, the simulator). */
    public static Router routerOf(CamelContext camel, int port) {
        MainHttpServer server = camel.hasService(MainHttpServer.class);
        VertxPlatformHttpRouter router = server != null && server.getRouter() != null
                ? server.getRouter()
                : VertxPlatformHttpRouter.lookup(camel, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("the platform HTTP router is not up (is camel.server.enabled=true?)");
        }
        return router;
    }

    private static void customize(CamelContext camel, Router router) {
        router.route().order(FIRST).handler(new SecurityHeaders());
        router.route().order(FIRST + 1).handler(new HttpRequestMetrics(MetricsModule.registry(camel)));
        JsonErrorPages.install(router, FIRST);
    }
}
