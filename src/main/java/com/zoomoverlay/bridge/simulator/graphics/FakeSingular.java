package com.zoomoverlay.bridge.simulator.graphics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A fake Singular.live Data Stream API: {@code PUT /datastreams/<private token>} with any JSON object
 * replaces what the stream holds (what a Control App bound to it would show). An unknown token is 404.
 */
public final class FakeSingular {

    private final Set<String> tokens;
    private final Map<String, JsonObject> streams = new LinkedHashMap<>();
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final Faults faults = new Faults();

    public FakeSingular(Set<String> privateTokens) {
        this.tokens = Set.copyOf(privateTokens);
    }

    public void addRoutes(Router router, String path) {
        router.put(path + "/datastreams/:token").handler(BodyHandler.create().setBodyLimit(256 * 1024)).handler(this::handle);
    }

    public Faults faults() {
        return faults;
    }

    /** What the stream holds now, or null before the first update. */
    public synchronized JsonObject stream(String token) {
        JsonObject s = streams.get(token);
        return s == null ? null : s.copy();
    }

    /** Every payload accepted, in order. */
    public List<JsonObject> received() {
        return List.copyOf(received);
    }

    public synchronized Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        // a stream is shown by the last characters of its token only: the token is a secret
        streams.forEach((token, payload) -> state.put("..." + token.substring(Math.max(0, token.length() - 4)), payload.getMap()));
        return Map.of("streams", state, "updates", received.size());
    }

    private void handle(RoutingContext ctx) {
        if (faults.isDown()) {
            ctx.request().connection().close();
            return;
        }
        int failure = faults.takeFailure();
        if (failure != 0) {
            ctx.response().setStatusCode(failure).putHeader("Retry-After", "1").end();
            return;
        }
        String token = ctx.pathParam("token");
        if (!tokens.contains(token)) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        JsonObject payload;
        try {
            payload = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            payload = null;
        }
        if (payload == null) {
            ctx.response().setStatusCode(400).end();
            return;
        }
        synchronized (this) {
            streams.put(token, payload);
        }
        received.add(payload);
        ctx.response().setStatusCode(200).end();
    }
}
