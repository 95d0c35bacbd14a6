package com.zoomoverlay.bridge.bench.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * A browser overlay as the bridge sees one: a client on {@code WS /overlay/events} that reads every
 * frame and records each Zoom event's arrival ({@code bridge.*} frames such as the snapshot are not
 * Zoom events and are skipped).
 */
final class OverlayClient implements AutoCloseable {

    private final Arrivals arrivals = new Arrivals();
    private final WebSocket socket;

    OverlayClient(Vertx vertx, int bridgePort) throws Exception {
        socket = vertx.createHttpClient().webSocket(new WebSocketConnectOptions().setHost("127.0.0.1")
                        .setPort(bridgePort).setURI("/overlay/events"))
                .toCompletionStage().toCompletableFuture().get();
        socket.textMessageHandler(text -> {
            JsonObject event = new JsonObject(text);
            if (!event.getString("event", "").startsWith("bridge.")) {
                arrivals.arrived(event.getJsonObject("payload").getJsonObject("object").getLong("seq", 0L),
                        event.getLong("event_ts", 0L));
            }
        });
    }

    Arrivals arrivals() {
        return arrivals;
    }

    @Override
    public void close() {
        socket.close();
    }
}
