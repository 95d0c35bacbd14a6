package com.zoomoverlay.bridge.simulator;

import static com.zoomoverlay.bridge.simulator.ControlReplies.intParam;
import static com.zoomoverlay.bridge.simulator.ControlReplies.ok;
import static com.zoomoverlay.bridge.simulator.ControlReplies.reply;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Event WebSocket fault injection over HTTP, so a rehearsal can break the simulated Zoom with curl
 * while the bridge runs ({@code --simulate} serves these under {@code /simulator}):
 * <pre>
 * POST /control/ws/close?code=4700[&amp;reason=...]
 * POST /control/ws/drop
 * POST /control/ws/refuse?seconds=10
 * POST /control/ws/outage?seconds=10      (drop every connection, refuse new ones for that long)
 * POST /control/ws/flap?count=3           (the next connections are dropped right after build_connection)
 * POST /control/ws/silent?on=true
 * POST /control/ws/malformed?kind=not_json|unknown_module|content_not_json|oversized[&amp;bytes=N]
 * POST /control/ws/duplicate
 * POST /control/ws/burst?count=100
 * POST /control/ws/story?paused=true|false
 * GET  /control/ws/state
 * </pre>
 */
final class SimulatedEventControl {

    private static final int DEFAULT_OVERSIZED_BYTES = 1024 * 1024 + 1024;
    private static final int MAX_LISTED = 1_000;

    private final SimulatedEventSocket socket;

    SimulatedEventControl(SimulatedEventSocket socket) {
        this.socket = socket;
    }

    void addRoutes(Router router) {
        // A hand-typed curl with a bad number gets a 400 naming the parameter, not a 500.
        router.route("/control/ws/*").failureHandler(ctx -> reply(ctx, 400, new JsonObject()
                .put("error", "bad_request")
                .put("message", ctx.failure() == null ? "bad request" : String.valueOf(ctx.failure().getMessage()))));
        router.post("/control/ws/close").handler(ctx -> {
            String reason = ctx.request().getParam("reason");
            socket.closeAll(intParam(ctx, "code", 1000), reason == null ? "closed by simulator control" : reason);
            ok(ctx);
        });
        router.post("/control/ws/drop").handler(ctx -> {
            socket.dropAll();
            ok(ctx);
        });
        router.post("/control/ws/refuse").handler(ctx -> {
            socket.refuseFor(Duration.ofSeconds(intParam(ctx, "seconds", 10)));
            ok(ctx);
        });
        router.post("/control/ws/outage").handler(ctx -> {
            socket.outage(Duration.ofSeconds(intParam(ctx, "seconds", 10)));
            ok(ctx);
        });
        router.post("/control/ws/flap").handler(ctx -> {
            socket.flapNext(intParam(ctx, "count", 3));
            ok(ctx);
        });
        // 4700 for every token, even fresh ones: rehearses "4700 twice in a row" (scopes, a revoked app).
        router.post("/control/ws/reject-tokens").handler(ctx -> {
            socket.rejectTokens(!"false".equalsIgnoreCase(ctx.request().getParam("on")));
            ok(ctx);
        });
        router.post("/control/ws/silent").handler(ctx -> {
            socket.silent(!"false".equalsIgnoreCase(ctx.request().getParam("on")));
            ok(ctx);
        });
        router.post("/control/ws/story").handler(ctx -> {
            socket.pauseStory("true".equalsIgnoreCase(ctx.request().getParam("paused")));
            ok(ctx);
        });
        router.post("/control/ws/malformed").handler(this::malformed);
        router.post("/control/ws/duplicate").handler(ctx -> {
            socket.sendDuplicate();
            ok(ctx);
        });
        router.post("/control/ws/burst").handler(ctx -> {
            List<String> sent = socket.burst(Math.min(intParam(ctx, "count", 10), 100_000));
            // small bursts say what was sent, in order, so a test can check the whole order downstream
            JsonObject reply = new JsonObject().put("ok", true).put("sent", sent.size());
            if (sent.size() <= MAX_LISTED) {
                reply.put("events", new io.vertx.core.json.JsonArray(new java.util.ArrayList<Object>(sent)));
            }
            reply(ctx, 200, reply);
        });
        router.get("/control/ws/state").handler(ctx -> reply(ctx, 200, new JsonObject()
                .put("connections", socket.connectionCount())
                .put("peakConnections", socket.peakConnections())
                .put("totalConnects", socket.totalConnects())
                .put("refusedConnects", socket.refusedConnects())
                .put("refusing", socket.refusing())
                .put("flappedConnections", socket.flappedConnections())
                .put("lastReturnGapMs", socket.lastReturnGap().map(Duration::toMillis).orElse(null))
                .put("rejectedTokens", socket.rejectedTokens())
                .put("replacedConnections", socket.replacedConnections())
                .put("heartbeatsAnswered", socket.heartbeatsAnswered())
                .put("eventsSent", socket.eventsSent())));
    }

    private void malformed(RoutingContext ctx) {
        String kind = String.valueOf(ctx.request().getParam("kind")).toLowerCase(Locale.ROOT);
        if ("oversized".equals(kind)) {
            socket.sendOversized(intParam(ctx, "bytes", DEFAULT_OVERSIZED_BYTES));
        } else {
            try {
                socket.sendMalformed(SimulatedEventSocket.Malformed.valueOf(kind.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("kind must be not_json, unknown_module, content_not_json or oversized");
            }
        }
        ok(ctx);
    }
}
