package com.zoomoverlay.bridge.http.server;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;

/**
 * Times every HTTP request as {@code http_server_requests_seconds} tagged by route template, method and
 * status class. Tags come from the application's own route list, so their cardinality is bounded.
 */
final class HttpRequestMetrics implements Handler<RoutingContext> {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH");

    private final MeterRegistry registry;

    HttpRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(done -> record(ctx, System.nanoTime() - start));
        ctx.next();
    }

    private void record(RoutingContext ctx, long nanos) {
        int status = ctx.response().getStatusCode();
        String method = ctx.request().method().name();
        Timer.builder("http.server.requests")
                .description("HTTP requests served, by route template and status class")
                .tag("route", status == 404 ? "unmatched" : routeOf(ctx))
                .tag("method", METHODS.contains(method) ? method : "OTHER")
                .tag("status", (status / 100) + "xx")
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String routeOf(RoutingContext ctx) {
        Route route = ctx.currentRoute();
        String path = route == null ? null : route.getPath();
        return path == null ? "other" : path;
    }
}
