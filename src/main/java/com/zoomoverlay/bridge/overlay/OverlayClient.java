package com.zoomoverlay.bridge.overlay;

import java.util.ArrayDeque;

import io.vertx.core.http.ServerWebSocket;

/**
 * One browser on the overlay feed, with a bounded queue of its own: when the browser cannot keep up,
 * its oldest frames are dropped, so a stuck client never holds up the others or the caller.
 */
final class OverlayClient {

    private final ServerWebSocket socket;
    private final int maxQueued;
    private final OverlayMetrics metrics;
    private final ArrayDeque<String> queued = new ArrayDeque<>();

    OverlayClient(ServerWebSocket socket, int maxQueued, OverlayMetrics metrics) {
        this.socket = socket;
        this.maxQueued = maxQueued;
        this.metrics = metrics;
        socket.drainHandler(v -> pump());
    }

    /** Never blocks: queues the frame and writes what the socket will take now. */
    synchronized void offer(String frame) {
        queued.addLast(frame);
        if (queued.size() > maxQueued) {
            queued.pollFirst();
            metrics.dropped("slow_client");
        }
        pump();
    }

    private synchronized void pump() {
        while (!queued.isEmpty() && !socket.isClosed() && !socket.writeQueueFull()) {
            socket.writeTextMessage(queued.pollFirst());
            metrics.sent();
        }
    }
}
