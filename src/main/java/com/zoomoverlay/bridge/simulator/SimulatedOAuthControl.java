package com.zoomoverlay.bridge.simulator;

import java.time.Duration;
import java.util.HashMap;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Fault injection over HTTP for rehearsals, so an operator can break the simulated token endpoint with
 * curl while the bridge runs ({@code --simulate} serves these under {@code /simulator}):
 * <pre>
 * POST /control/oauth/fail?status=503&amp;times=3[&amp;retryAfter=2]
 * POST /control/oauth/slow?millis=5000
 * POST /control/oauth/deny?times=1
 * POST /control/oauth/revoke-refresh-tokens
 * POST /control/oauth/clear
 * GET  /control/oauth/counters
 * </pre>
 */
final class SimulatedOAuthControl {

    private final SimulatedOAuthServer oauth;

    SimulatedOAuthControl(SimulatedOAuthServer oauth) {
        this.oauth = oauth;
    }

    void addRoutes(Router router) {
        // Bad numbers from a hand-typed curl get a 400 naming the parameter, not a 500.
        router.route("/control/oauth/*").failureHandler(ctx -> reply(ctx, 400,
                new JsonObject().put("error", "bad_request").put("message", String.valueOf(
                        ctx.failure() == null ? "bad request" : ctx.failure().getMessage()))));
        router.post("/control/oauth/fail").handler(ctx -> {
            Integer retryAfter = ctx.request().getParam("retryAfter") == null ? null : intParam(ctx, "retryAfter", 0);
            oauth.faults().failNext(intParam(ctx, "times", 1), intParam(ctx, "status", 503), retryAfter);
            ok(ctx);
        });
        router.post("/control/oauth/slow").handler(ctx -> {
            oauth.faults().slowBy(Duration.ofMillis(intParam(ctx, "millis", 0)));
            ok(ctx);
        });
        router.post("/control/oauth/deny").handler(ctx -> {
            oauth.faults().denyNextAuthorizations(intParam(ctx, "times", 1));
            ok(ctx);
        });
        router.post("/control/oauth/revoke-refresh-tokens").handler(ctx -> {
            oauth.revokeAllRefreshTokens();
            ok(ctx);
        });
        router.post("/control/oauth/clear").handler(ctx -> {
            oauth.faults().clear();
            ok(ctx);
        });
        router.get("/control/oauth/counters").handler(ctx -> reply(ctx, 200, new JsonObject()
                .put("tokenCalls", new JsonObject(new HashMap<>(oauth.faults().tokenCallsByGrantType())))
                .put("liveRefreshTokens", oauth.grants().liveRefreshTokens())
                .put("refreshTokenReuses", oauth.grants().refreshTokenReuses())));
    }

    private static int intParam(RoutingContext ctx, String name, int fallback) {
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

    private static void ok(RoutingContext ctx) {
        reply(ctx, 200, new JsonObject().put("ok", true));
    }

    private static void reply(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
