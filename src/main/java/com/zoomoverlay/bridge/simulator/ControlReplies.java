package com.zoomoverlay.bridge.simulator;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Parameter parsing and JSON replies shared by the simulator's rehearsal control endpoints. */
final class ControlReplies {

    private ControlReplies() {
    }

    static int intParam(RoutingContext ctx, String name, int fallback) {
        String raw = ctx.request().getParam(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number");
        }
    }

    static void ok(RoutingContext ctx) {
        reply(ctx, 200, new JsonObject().put("ok", true));
    }

    static void reply(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
