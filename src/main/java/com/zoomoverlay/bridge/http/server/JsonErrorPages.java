package com.zoomoverlay.bridge.http.server;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.zoomoverlay.bridge.http.reply.HttpReplies;
import com.zoomoverlay.bridge.json.Json;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces Vert.x's HTML error pages with the contract's JSON errors, never a stack trace.
 * platform-http's router is mounted below the server's root router, whose error handlers Camel
 * keeps to itself, so errors are rendered here: a failure handler ahead of every route, and a
 * catch-all behind every route for paths nothing answers (404) or methods a path does not take (405).
 */
final class JsonErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorPages.class);

    private static final Map<Integer, String[]> PAGES = Map.of(
            400, new String[] {"bad_request", "The request is malformed."},
            401, new String[] {"unauthorized", "Authentication is required."},
            403, new String[] {"forbidden", "Not allowed."},
            404, new String[] {"not_found", "No such resource."},
            405, new String[] {"method_not_allowed", "That method is not allowed here."},
            413, new String[] {"payload_too_large", "Request bodies are limited to 1 MiB."},
            415, new String[] {"unsupported_media_type", "That content type is not accepted here."},
            500, new String[] {"internal_error", "The request failed; the server log has details."});

    private JsonErrorPages() {
    }

    static void install(Router router, int firstOrder) {
        router.route().order(firstOrder).failureHandler(JsonErrorPages::renderFailure);
        router.route().order(Integer.MAX_VALUE).handler(ctx -> renderUnmatched(router, ctx));
    }

    private static void renderFailure(RoutingContext ctx) {
        int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
        if (status == 500 && ctx.failure() != null) {
            LOG.warn("http request failed path={} error={}", ctx.normalizedPath(), ctx.failure().getClass().getSimpleName());
        }
        render(ctx, status);
    }

    private static void renderUnmatched(Router router, RoutingContext ctx) {
        Set<String> allowed = methodsServing(router, ctx.normalizedPath());
        if (allowed.isEmpty() || allowed.contains(ctx.request().method().name())) {
            render(ctx, 404);
        } else {
            ctx.response().putHeader("Allow", String.join(", ", allowed));
            render(ctx, 405);
        }
    }

    private static Set<String> methodsServing(Router router, String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            if (path.equals(route.getPath()) && route.methods() != null) {
                route.methods().stream().map(HttpMethod::name).forEach(methods::add);
            }
        }
        return methods;
    }

    static void render(RoutingContext ctx, int status) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        String[] page = PAGES.getOrDefault(status, new String[] {"error", "The request failed."});
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", Json.CONTENT_TYPE)
                .putHeader("Cache-Control", "no-store")
                .end(HttpReplies.errorJson(page[0], page[1]));
    }
}
