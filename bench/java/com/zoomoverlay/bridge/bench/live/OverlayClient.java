package com.zoomoverlay.bridge.bench.live;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
        // The handler must be on before the socket's first frame is read. Set after get() (on this thread)
        // the bridge's first frames could arrive with no handler and be dropped unseen: events lost that the
        // benchmark never counted. Connecting from inside a Vert.x context and setting it in onSuccess puts it
        // on that context's thread the moment the upgrade completes, before anything else runs there.
        CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> vertx.createWebSocketClient()
                .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(bridgePort).setURI("/overlay/events"))
                .onSuccess(ws -> ws.textMessageHandler(this::received))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        opened.complete(ar.result());
                    } else {
                        opened.completeExceptionally(ar.cause());
                    }
                }));
        socket = opened.get(30, TimeUnit.SECONDS);
    }

    private void received(String text) {
        JsonObject event = new JsonObject(text);
        if (!event.getString("event", "").startsWith("bridge.")) {
            arrivals.arrived(event.getJsonObject("payload").getJsonObject("object").getLong("seq", 0L),
                    event.getLong("event_ts", 0L));
        }
    }

    Arrivals arrivals() {
        return arrivals;
    }

    @Override
    public void close() {
        socket.close();
    }
}
