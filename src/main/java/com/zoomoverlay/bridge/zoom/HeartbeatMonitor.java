package com.zoomoverlay.bridge.zoom;

import java.time.Duration;
import java.util.function.Consumer;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;

/**
 * Keeps one connection honest: every interval it sends Zoom's {@code {"module":"heartbeat"}} and a
 * WebSocket ping; if either is unanswered after the timeout the connection is declared dead. A TCP
 * connection can stay "open" for minutes after the far end is gone, so only answers prove it is alive.
 * Used from the supervisor's Vert.x context only.
 */
final class HeartbeatMonitor {

    static final String HEARTBEAT = "{\"module\":\"heartbeat\"}";
    private static final Buffer PING = Buffer.buffer("zoom-overlay-bridge");

    private final Vertx vertx;
    private final WebSocket ws;
    private final ZoomWsSettings settings;
    private final ZoomWsMetrics metrics;
    private final Consumer<String> onDead;
    private long periodic = -1;
    private long deadline = -1;
    private long sentAt;
    private boolean awaitingReply;
    private boolean awaitingPong;

    HeartbeatMonitor(Vertx vertx, WebSocket ws, ZoomWsSettings settings, ZoomWsMetrics metrics, Consumer<String> onDead) {
        this.vertx = vertx;
        this.ws = ws;
        this.settings = settings;
        this.metrics = metrics;
        this.onDead = onDead;
    }

    void start() {
        ws.pongHandler(data -> ponged());
        periodic = vertx.setPeriodic(settings.heartbeatInterval().toMillis(), id -> beat());
    }

    void stop() {
        vertx.cancelTimer(periodic);
        vertx.cancelTimer(deadline);
        periodic = -1;
        deadline = -1;
    }

    void replied() {
        if (awaitingReply) {
            awaitingReply = false;
            metrics.heartbeatAnswered(Duration.ofNanos(System.nanoTime() - sentAt));
            settleIfAnswered();
        }
    }

    private void ponged() {
        awaitingPong = false;
        settleIfAnswered();
    }

    private void beat() {
        if (deadline >= 0) {
            return; // the previous beat is still within its timeout
        }
        sentAt = System.nanoTime();
        awaitingReply = true;
        awaitingPong = true;
        ws.writeTextMessage(HEARTBEAT);
        ws.writePing(PING);
        deadline = vertx.setTimer(settings.heartbeatTimeout().toMillis(), id -> expired());
    }

    private void settleIfAnswered() {
        if (!awaitingReply && !awaitingPong && deadline >= 0) {
            vertx.cancelTimer(deadline);
            deadline = -1;
        }
    }

    private void expired() {
        deadline = -1;
        String missing = awaitingReply ? "heartbeat answer" : "pong";
        stop();
        onDead.accept("no " + missing + " within " + settings.heartbeatTimeout().toMillis() + " ms");
    }
}
