package com.zoomoverlay.bridge.http;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.health.HealthChecks;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.wiring.BridgeClock;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import io.vertx.core.Vertx;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;

/**
 * The one HTTP port: observability routes, the admin guard ({@link AdminAuth#of}), and, on the shared
 * Vert.x router, the security headers, request metrics and JSON error pages that every response gets,
 * 404s included. Modules that serve
 * plain Vert.x handlers (WebSockets, the simulator) register them with {@link #onRouterReady}.
 */
public final class HttpModule implements BridgeModule {

    /** Runs before platform-http's own handlers, so nothing can answer without the headers. */
    public static final int FIRST = -10_000;

    private static final String HOOKS_BEAN = "httpRouterHooks";
    private static final String VERTX_BEAN = "vertx";

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        List<Consumer<VertxPlatformHttpRouter>> hooks = new CopyOnWriteArrayList<>();
        camel.getRegistry().bind(HOOKS_BEAN, hooks);
        ServerConnections connections = bindVertx(camel);
        camel.getRegistry().bind(AdminAuth.BEAN_NAME, adminAuth(camel, settings));
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
                VertxPlatformHttpRouter router = routerOf(camel, settings.port());
                router.route().order(FIRST).handler(new SecurityHeaders());
                router.route().order(FIRST + 1).handler(new HttpRequestMetrics(MetricsModule.registry(camel)));
                // Once an answer is out, the connection's next request head is due within the deadline.
                router.route().order(FIRST + 2).handler(ctx -> {
                    ctx.addEndHandler(done -> connections.requestEnded(ctx.request(), ctx.response().getStatusCode()));
                    ctx.next();
                });
                JsonErrorPages.install(router, FIRST);
                hooks.forEach(hook -> hook.accept(router));
            }
        });
    }

    /** The one Vert.x of the process (platform-http's server, the Zoom socket, the delivery lanes). */
    public static Vertx vertx(CamelContext camel) {
        Vertx vertx = camel.getRegistry().lookupByNameAndType(VERTX_BEAN, Vertx.class);
        if (vertx == null) {
            throw new IllegalStateException("HttpModule must be installed before modules that use Vert.x");
        }
        return vertx;
    }

    /**
     * Created here rather than by platform-http (which finds it in the registry) so that modules can make
     * their clients at install time, and so that the HTTP port gets its limits ({@link LimitedHttpServers});
     * closed once the context has stopped, after the HTTP server.
     */
    private static ServerConnections bindVertx(CamelContext camel) {
        Vertx vertx = Vertx.vertx();
        HttpServerLimits limits = HttpServerLimits.load(key -> camel.getPropertiesComponent().resolveProperty(key));
        Clock clock = BridgeClock.of(camel);
        ServerConnections connections = new ServerConnections(vertx, limits, clock, MetricsModule.registry(camel));
        camel.getRegistry().bind(VERTX_BEAN, LimitedHttpServers.wrap(vertx, limits, connections,
                new BadRequests(MetricsModule.registry(camel), clock)));
        camel.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppedEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                vertx.close();
            }
        });
        return connections;
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

    /** One guard for every admin route, so a client's failed logins count once, whichever route it tries. */
    private static AdminAuth adminAuth(CamelContext camel, BridgeSettings settings) {
        Clock clock = BridgeClock.of(camel);
        AdminLoginSettings logins = AdminLoginSettings.load(key -> camel.getPropertiesComponent().resolveProperty(key));
        return new AdminAuth(settings.security().adminToken(),
                OriginPolicy.forRedirectUri(settings.zoom().redirectUri()),
                new AdminLoginThrottle(logins, clock, MetricsModule.registry(camel)),
                MetricsModule.registry(camel), clock);
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
