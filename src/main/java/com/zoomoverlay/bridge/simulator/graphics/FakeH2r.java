package com.zoomoverlay.bridge.simulator.graphics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A fake H2R Graphics HTTP API for one project: {@code POST /api/<project>/graphic/<id>/update} merges the
 * body into the graphic's content, and its {@code status} takes it on air ({@code coming}) or off
 * ({@code going}); {@code .../show} and {@code .../hide} do the same. Unknown project or graphic is 404.
 */
public final class FakeH2r {

    private final String project;
    private final Map<String, JsonObject> graphics = new LinkedHashMap<>();
    private final Map<String, Boolean> onAir = new LinkedHashMap<>();
    private final Faults faults = new Faults();
    private int updates;

    public FakeH2r(String project, List<String> graphicIds) {
        this.project = project;
        graphicIds.forEach(id -> {
            graphics.put(id, new JsonObject());
            onAir.put(id, false);
        });
    }

    public void addRoutes(Router router, String path) {
        String base = path + "/api/:project/graphic/:graphic/";
        router.post(base + "*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.post(base + "update").handler(ctx -> handle(ctx, "update"));
        router.post(base + "show").handler(ctx -> handle(ctx, "show"));
        router.post(base + "hide").handler(ctx -> handle(ctx, "hide"));
    }

    public Faults faults() {
        return faults;
    }

    /** The graphic's content as H2R holds it (line_one, line_two, body, items, ...). */
    public synchronized JsonObject content(String graphic) {
        JsonObject c = graphics.get(graphic);
        return c == null ? null : c.copy();
    }

    public synchronized boolean onAir(String graphic) {
        return Boolean.TRUE.equals(onAir.get(graphic));
    }

    public synchronized Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        graphics.forEach((id, content) -> state.put(id, Map.of("onAir", onAir.get(id), "content", content.getMap())));
        return Map.of("project", project, "graphics", state, "updates", updates);
    }

    private void handle(RoutingContext ctx, String action) {
        if (faults.isDown()) {
            ctx.request().connection().close();
            return;
        }
        int failure = faults.takeFailure();
        if (failure != 0) {
            ctx.response().setStatusCode(failure).end();
            return;
        }
        String id = ctx.pathParam("graphic");
        JsonObject body;
        try {
            body = "update".equals(action) ? ctx.body().asJsonObject() : new JsonObject();
        } catch (RuntimeException e) {
            ctx.response().setStatusCode(400).end("Body must be a JSON object");
            return;
        }
        if (!project.equals(ctx.pathParam("project"))) {
            ctx.response().setStatusCode(404).end("Project not found");
            return;
        }
        synchronized (this) {
            if (!graphics.containsKey(id)) {
                ctx.response().setStatusCode(404).end("Graphic not found");
                return;
            }
            apply(id, action, body == null ? new JsonObject() : body);
        }
        ctx.response().putHeader("Content-Type", "application/json").end("{\"success\":true}");
    }

    private void apply(String id, String action, JsonObject body) {
        updates++;
        String status = "show".equals(action) ? "coming" : "hide".equals(action) ? "going" : body.getString("status");
        body.remove("status");
        graphics.get(id).mergeIn(body);
        if ("coming".equals(status)) {
            onAir.put(id, true);
        } else if ("going".equals(status)) {
            onAir.put(id, false);
        } else if ("toggle".equals(status)) {
            onAir.put(id, !onAir.get(id));
        }
    }
}
