package com.zoomoverlay.bridge.bench.reconnect;

import java.security.SecureRandom;
import java.util.function.Supplier;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * The baseline of the reconnect benchmark: an Event WebSocket client with the plain policy the issue
 * compares against, full jitter capped at 1.5 s: after the n-th failure since the last
 * {@code build_connection} it waits uniformly in {@code [0, min(1.5 s, 250 ms * 2^n))}. No floor under
 * the wait, no phases, no flapping rule: as fast back as such a loop gets, and as hard on a refusing Zoom.
 * Everything runs on one Vert.x context (the connect, its handlers, the timers), so no frame is missed.
 */
final class JitteredBaseline {

    static final long INITIAL_MS = 250;
    static final long CAP_MS = 1_500;

    private final Vertx vertx;
    private final Context context;
    private final WebSocketClient client;
    private final int port;
    private final String subscription;
    private final Supplier<String> token;
    private final SecureRandom random = new SecureRandom();
    private int failures;
    private boolean stopped;

    JitteredBaseline(Vertx vertx, int zoomPort, String subscription, Supplier<String> token) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = vertx.createWebSocketClient();
        this.port = zoomPort;
        this.subscription = subscription;
        this.token = token;
    }

    void start() {
        context.runOnContext(v -> connect());
    }

    void stop() {
        context.runOnContext(v -> {
            stopped = true;
            client.close();
        });
    }

    private void connect() {
        if (stopped) {
            return;
        }
        client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                        .setURI("/ws?subscriptionId=" + subscription + "&access_token=" + token.get()))
                .onSuccess(this::opened)
                .onFailure(e -> retry());
    }

    private void opened(WebSocket ws) {
        long heartbeat = vertx.setPeriodic(20_000, id -> ws.writeTextMessage("{\"module\":\"heartbeat\"}"));
        ws.textMessageHandler(text -> {
            if ("build_connection".equals(new JsonObject(text).getString("module"))) {
                failures = 0;
            }
        });
        ws.closeHandler(v -> {
            vertx.cancelTimer(heartbeat);
            retry();
        });
    }

    private void retry() {
        long ceiling = Math.min(CAP_MS, INITIAL_MS << Math.min(failures, 20));
        failures++;
        vertx.setTimer(Math.max(1, random.nextLong(ceiling)), id -> connect());
    }
}
