package com.zoomoverlay.bridge.http.server;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The server side of the one HTTP port: the Vert.x that platform-http serves on, whose HTTP servers get the
 * port's limits ({@code bridge.http.*}: {@link HttpServerLimits}, {@link ServerConnections}, {@link BadRequests}),
 * and the router handlers every request passes: request metrics, the connection's next request deadline and
 * the JSON error pages.
 */
public final class HttpPort {

    private final Vertx vertx;
    private final ServerConnections connections;
    private final MeterRegistry registry;

    private HttpPort(Vertx vertx, ServerConnections connections, MeterRegistry registry) {
        this.vertx = vertx;
        this.connections = connections;
        this.registry = registry;
    }

    /** Reads the limits from {@code properties} and starts the connection sweep on {@code vertx}. */
    public static HttpPort on(Vertx vertx, Function<String, Optional<String>> properties, Clock clock,
                              MeterRegistry registry) {
        HttpServerLimits limits = HttpServerLimits.load(properties);
        ServerConnections connections = new ServerConnections(vertx, limits, clock, registry);
        Vertx limited = LimitedHttpServers.wrap(vertx, limits, connections, new BadRequests(registry, clock));
        return new HttpPort(limited, connections, registry);
    }

    /** {@code vertx} as platform-http must find it in the registry: every HTTP server made on it is limited. */
    public Vertx vertx() {
        return vertx;
    }

    /** Request metrics at {@code firstOrder + 1}, the deadline at {@code + 2}, error pages first and last. */
    public void addHandlers(Router router, int firstOrder) {
        router.route().order(firstOrder + 1).handler(new HttpRequestMetrics(registry));
        // Once an answer is out, the connection's next request head is due within the deadline.
        router.route().order(firstOrder + 2).handler(ctx -> {
            ctx.addEndHandler(done -> connections.requestEnded(ctx.request(), ctx.response().getStatusCode()));
            ctx.next();
        });
        JsonErrorPages.install(router, firstOrder);
    }
}
