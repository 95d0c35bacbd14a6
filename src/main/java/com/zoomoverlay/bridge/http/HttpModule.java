package com.zoomoverlay.bridge.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.health.HealthChecks;
import com.zoomoverlay.bridge.health.HealthRoute;
import com.zoomoverlay.bridge.http.reply.HttpErrorsConfiguration;
import com.zoomoverlay.bridge.http.security.AdminAuth;
import com.zoomoverlay.bridge.http.security.SecurityHeaders;
import com.zoomoverlay.bridge.http.server.HttpPort;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.metrics.MetricsRoute;
import com.zoomoverlay.bridge.wiring.BridgeClock;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import com.zoomoverlay.bridge.wiring.ContextEvents;
import io.vertx.core.Vertx;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.CamelEvent;

/**
 * The one HTTP port, put together: its server side ({@link HttpPort}: limits, request metrics, JSON error
 * pages), the security headers every response gets, 404s included, the admin guard ({@link AdminAuth#of}),
 * the routes' error handling ({@link HttpErrorsConfiguration}) and {@code /health} and {@code /metrics}.
 * Modules that serve plain Vert.x handlers (WebSockets, the simulator) register them with {@link #onRouterReady}.
 */
public final class HttpModule implements BridgeModule {

    /** Runs before platform-http's own handlers, so nothing can answer without the headers. */
    private static final int FIRST = -10_000;

    private static final String HOOKS_BEAN = "httpRouterHooks";
    private static final String VERTX_BEAN = "vertx";

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        List<Consumer<VertxPlatformHttpRouter>> hooks = new CopyOnWriteArrayList<>();
        camel.getRegistry().bind(HOOKS_BEAN, hooks);
        HttpPort port = bindVertx(camel);
        camel.getRegistry().bind(AdminAuth.BEAN_NAME, AdminAuth.create(camel, settings));
        camel.addRoutes(new HttpErrorsConfiguration());
        camel.addRoutes(new HealthRoute(HealthChecks.of(camel)));
        camel.addRoutes(new MetricsRoute(MetricsModule.prometheus(camel)));
        // The router exists once the main HTTP server service has started, before any route consumes.
        ContextEvents.on(camel, CamelEvent.CamelContextRoutesStartingEvent.class, () -> {
            VertxPlatformHttpRouter router = routerOf(camel, settings.port());
            router.route().order(FIRST).handler(new SecurityHeaders());
            port.addHandlers(router, FIRST);
            hooks.forEach(hook -> hook.accept(router));
        });
    }

    /** The process's Vert.x: platform-http's server, the Zoom socket, the overlay feed (delivery has its own, DeliveryModule). */
    public static Vertx vertx(CamelContext camel) {
        Vertx vertx = camel.getRegistry().lookupByNameAndType(VERTX_BEAN, Vertx.class);
        if (vertx == null) {
            throw new IllegalStateException("HttpModule must be installed before modules that use Vert.x");
        }
        return vertx;
    }

    /**
     * Created here rather than by platform-http (which finds it in the registry) so that modules can make
     * their clients at install time, and so that the HTTP port gets its limits ({@link HttpPort#vertx});
     * closed once the context has stopped, after the HTTP server.
     */
    private static HttpPort bindVertx(CamelContext camel) {
        Vertx vertx = EarlyVertx.take();
        HttpPort port = HttpPort.on(vertx, key -> camel.getPropertiesComponent().resolveProperty(key),
                BridgeClock.of(camel), MetricsModule.registry(camel));
        camel.getRegistry().bind(VERTX_BEAN, port.vertx());
        ContextEvents.on(camel, CamelEvent.CamelContextStoppedEvent.class, vertx::close);
        return port;
    }

    /**
     * Runs {@code hook} with the platform router once the server is up and before routes start.
     * Call from a module's {@code install}; HttpModule must be installed first.
     */
    @SuppressWarnings("unchecked")
    public static void onRouterReady(CamelContext camel, Consumer<VertxPlatformHttpRouter> hook) {
        List<Consumer<VertxPlatformHttpRouter>> hooks = camel.getRegistry().lookupByNameAndType(HOOKS_BEAN, List.class);
        if (hooks == null) {
            throw new IllegalStateException("HttpModule must be installed before modules that attach HTTP handlers");
        }
        hooks.add(hook);
    }

    private static VertxPlatformHttpRouter routerOf(CamelContext camel, int port) {
        MainHttpServer server = camel.hasService(MainHttpServer.class);
        VertxPlatformHttpRouter router = server != null && server.getRouter() != null
                ? server.getRouter()
                : VertxPlatformHttpRouter.lookup(camel, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("the platform HTTP router is not up (is camel.server.enabled=true?)");
        }
        return router;
    }
}
