package com.zoomoverlay.bridge.simulator;

import static com.zoomoverlay.bridge.simulator.ControlReplies.reply;

import java.util.Locale;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Webhook fault injection over HTTP, for rehearsals with curl ({@code --simulate} serves these under
 * {@code /simulator}); each answers with the status the bridge gave:
 * <pre>
 * POST /control/webhook/validate                       Zoom's endpoint.url_validation challenge
 * POST /control/webhook/fault?kind=bad_signature|stale_timestamp|malformed_body
 * POST /control/webhook/duplicate                      the last event again
 * POST /control/webhook/paths?websocket=false&amp;webhook=true   which paths the scripted meeting takes
 * GET  /control/webhook/state
 * </pre>
 */
final class SimulatedWebhookControl {

    private final ZoomSimulator simulator;

    SimulatedWebhookControl(ZoomSimulator simulator) {
        this.simulator = simulator;
    }

    void addRoutes(Router router) {
        router.route("/control/webhook/*").failureHandler(ctx -> reply(ctx, 400, new JsonObject()
                .put("error", "bad_request")
                .put("message", ctx.failure() == null ? "bad request" : String.valueOf(ctx.failure().getMessage()))));
        router.post("/control/webhook/validate").handler(ctx -> {
            if (notConfigured(ctx)) {
                return;
            }
            simulator.webhooks().validate().onComplete(r -> reply(ctx, 200, new JsonObject().put("ok", true)
                    .put("validated", r.succeeded() && r.result())));
        });
        router.post("/control/webhook/fault").handler(this::fault);
        router.post("/control/webhook/duplicate").handler(ctx -> {
            if (!notConfigured(ctx)) {
                answer(ctx, simulator.webhooks().sendDuplicate());
            }
        });
        router.post("/control/webhook/paths").handler(ctx -> {
            String ws = ctx.request().getParam("websocket");
            String hook = ctx.request().getParam("webhook");
            if (ws != null) {
                simulator.events().storyOverWebsocket(!"false".equalsIgnoreCase(ws));
            }
            if (hook != null) {
                if (notConfigured(ctx)) {
                    return;
                }
                simulator.webhooks().scripted(!"false".equalsIgnoreCase(hook));
                simulator.storyPaths();
            }
            reply(ctx, 200, new JsonObject().put("ok", true).put("websocket", simulator.events().storyOverWebsocket())
                    .put("webhook", simulator.webhooks().scripted()));
        });
        router.get("/control/webhook/state").handler(ctx -> reply(ctx, 200,
                simulator.webhooks().state().put("storyOverWebsocket", simulator.events().storyOverWebsocket())));
    }

    private void fault(RoutingContext ctx) {
        if (notConfigured(ctx)) {
            return;
        }
        SimulatedWebhooks.Fault fault;
        try {
            fault = SimulatedWebhooks.Fault.valueOf(String.valueOf(ctx.request().getParam("kind")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind must be bad_signature, stale_timestamp or malformed_body");
        }
        answer(ctx, simulator.webhooks().sendFault(fault));
    }

    private static void answer(RoutingContext ctx, Future<Integer> status) {
        status.onComplete(r -> reply(ctx, 200, new JsonObject().put("ok", r.succeeded())
                .put("bridgeStatus", r.succeeded() ? r.result() : null)));
    }

    private boolean notConfigured(RoutingContext ctx) {
        if (simulator.webhooks().configured()) {
            return false;
        }
        reply(ctx, 409, new JsonObject().put("error", "not_configured")
                .put("message", "webhooks are off: set ZOOM_WEBHOOK_SECRET_TOKEN or run with --simulate"));
        return true;
    }
}
