package com.zoomoverlay.bridge.overlay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.function.BiConsumer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * One browser on the overlay feed, with bounds of its own. Outgoing: a bounded queue (when the browser cannot
 * keep up, its oldest frames are dropped, so a stuck client never holds up the others or the caller), and
 * frames waiting for it without a break for {@code stall-timeout} close it. Incoming: Vert.x answers every ping with
 * a pong on its own, past our write queue, so a client that sends pings and never reads would pile the pongs
 * up here without end: at most {@link #MAX_PONGS_IN_FLIGHT} of its pongs are on their way, further pings are
 * dropped and counted ({@link PongBudget}) whatever the frame budget, reading from it pauses at each drop and
 * while its write queue is full (its pings then wait in its own TCP buffers), pongs stuck for
 * {@code stall-timeout} cut it, and more than {@code max-client-frames-per-second} closes it. Liveness: the
 * bridge pings it and closes it when no pong comes within {@code pong-timeout}; one that has never answered may be evicted to
 * make room for another ({@link OverlayClients}).
 */
final class OverlayClient {

    private static final short POLICY_VIOLATION = 1008;
    private static final Buffer PING = Buffer.buffer("bridge");
    /** Pings answered whose pongs the kernel has not yet taken, per client; a browser sends no pings at all. */
    static final int MAX_PONGS_IN_FLIGHT = 16;

    private final ServerWebSocket socket;
    /** Vert.x's handler in the connection's pipeline, null where the connection is no Vert.x 4.5 one. */
    private final ChannelHandlerContext vertxHandler;
    private final long order;
    private final String address;
    private final Instant connectedAt;
    private final OverlayLimits limits;
    private final Clock clock;
    private final OverlayMetrics metrics;
    private final ArrayDeque<String> queued = new ArrayDeque<>();
    private final PongBudget pongs = new PongBudget(MAX_PONGS_IN_FLIGHT, this::pongDropped);
    private volatile boolean answered;
    private Instant pingSentAt;
    private Instant lastPingAt;
    private Instant stalledSince;
    private Instant windowStart;
    private int framesInWindow;
    private String closedFor;
    private BiConsumer<OverlayClient, String> onClose = (client, reason) -> { };

    OverlayClient(ServerWebSocket socket, HttpConnection connection, long order, String address, OverlayLimits limits,
                  Clock clock, OverlayMetrics metrics) {
        this.socket = socket;
        // From the connection, not the socket: Vert.x Web hands out a wrapper of the socket, with no way to it.
        // The one Vert.x internal the bridge still uses (io.vertx.core.net.impl.ConnectionBase), on purpose:
        // Vert.x 4.5 (checked 4.5.22, on the classpath, through 4.5.29) has no public way to what it is for.
        // WebSocketImplBase.handleFrame writes a pong for every ping with conn.writeToChannel, unconditionally,
        // before any handler of ours runs; no HttpServerOptions setting turns that off; HttpConnection,
        // ServerWebSocket and HttpServer.connectionHandler/webSocketHandler expose no channel or pipeline;
        // ServerWebSocket.pause() holds data frames only (a ping still asks for the next frame); and
        // HttpConnection.close() on an upgraded connection (Http1xConnectionBase.close) only starts the close
        // handshake, which waits on the client. PongBudget (ping-flood bound, issue 13), the read switch and
        // the cut below need the Netty channel; OverlayFeedBoundsTest pins them under a bounded heap.
        this.vertxHandler = connection instanceof ConnectionBase base ? base.channelHandlerContext() : null;
        this.order = order;
        this.address = address;
        this.limits = limits;
        this.clock = clock;
        this.metrics = metrics;
        this.connectedAt = clock.instant();
    }

    /** Wires the socket and sends the first ping at once, so an idle socket is known within the pong timeout. */
    void start(BiConsumer<OverlayClient, String> closedByBridge) {
        this.onClose = closedByBridge;
        if (vertxHandler != null) {
            // Vert.x answers each ping as Netty decodes it, before any handler of ours: one read (up to 16 x 64 KiB;
            // the read size cannot be changed after the upgrade, Netty keeps the handle it made for the first read)
            // is ~170,000 pings. The budget sits in front of Vert.x, so no more pongs than it allows are written.
            vertxHandler.pipeline().addBefore(vertxHandler.name(), PongBudget.NAME, pongs);
        }
        socket.drainHandler(v -> drained());
        // Dispatched as the pong is read, even while reading is paused (a frame handler would wait).
        socket.pongHandler(payload -> ponged());
        socket.frameHandler(this::received);
        ping(clock.instant());
    }

    String address() {
        return address;
    }

    Instant connectedAt() {
        return connectedAt;
    }

    /** Its place in the order of connection (older first). */
    long order() {
        return order;
    }

    /** Has answered a ping: a live browser, never evicted for room. */
    boolean answered() {
        return answered;
    }

    synchronized boolean awaitingPong() {
        return pingSentAt != null;
    }

    synchronized boolean stalled() {
        return stalledSince != null;
    }

    /** Never blocks: queues the frame and writes what the socket will take now. */
    synchronized void offer(String frame) {
        if (closedFor != null) {
            return;
        }
        queued.addLast(frame);
        if (queued.size() > limits.maxQueuedFrames()) {
            queued.pollFirst();
            metrics.dropped("slow_client");
        }
        pump();
    }

    /** The sweep (once a second, bridge clock): pong deadline, stalled write queue, next ping. */
    void check() {
        Instant now = clock.instant();
        String reason;
        synchronized (this) {
            if (closedFor != null || socket.isClosed()) {
                return;
            }
            reason = overdue(now);
            if (reason == null && pingSentAt == null && !now.isBefore(lastPingAt.plus(limits.pingInterval()))) {
                ping(now);
            }
        }
        if (reason != null) {
            close(reason);
        }
    }

    /**
     * Closes it with a reason (the metric tag and the close frame's text); the first reason counts. A client
     * that does not read ({@code not_reading}) or floods ({@code flood}) is cut at once: a close frame would
     * wait behind what it does not read, and Vert.x starts its closing timeout only once the frame is out.
     * The others get the close frame and are cut by {@link #cut} if still open after a grace period.
     */
    void close(String reason) {
        synchronized (this) {
            if (closedFor != null) {
                return;
            }
            closedFor = reason;
            queued.clear();
        }
        onClose.accept(this, reason);
        if (socket.isClosed()) {
            return;
        }
        // Read nothing more: each ping read would still be answered until the connection is gone.
        Channel channel = channel();
        if (channel != null) {
            channel.config().setAutoRead(false);
        }
        if (("not_reading".equals(reason) || "flood".equals(reason)) && channel != null) {
            channel.close();
        } else {
            socket.close(POLICY_VIOLATION, reason);
        }
    }

    /** Closes the connection under it if the close handshake has not ended it. */
    void cut() {
        Channel channel = channel();
        if (!socket.isClosed() && channel != null) {
            channel.close();
        }
    }

    /** Reading from the client on or off (off only while its write queue is full, or once closed). */
    private void reading(boolean on) {
        Channel channel = channel();
        if (channel != null && closedFor == null && channel.config().isAutoRead() != on) {
            channel.config().setAutoRead(on);
        }
    }

    /**
     * The Netty channel under the socket. Vert.x 4.5 has no public way to it, and none to cut a WebSocket's
     * connection ({@code HttpConnection.close()} only starts the close handshake, which waits on the client).
     */
    private Channel channel() {
        return vertxHandler == null ? null : vertxHandler.channel();
    }

    private String overdue(Instant now) {
        if (pingSentAt != null && !now.isBefore(pingSentAt.plus(limits.pongTimeout()))) {
            return "no_pong";
        }
        if (!writeQueueFull() && !pongs.full()) {
            // a drain can be missed between a pause and its drain handler, and pongs leaving fire none:
            // reading must not stay off
            reading(true);
            pump();
        }
        if (!behind()) {
            stalledSince = null;
        } else if (stalledSince == null) {
            stalledSince = now;
        } else if (!now.isBefore(stalledSince.plus(limits.stallTimeout()))) {
            return "not_reading";
        }
        return null;
    }

    private synchronized void ponged() {
        answered = true;
        pingSentAt = null;
    }

    private void received(WebSocketFrame frame) {
        arrived(false);
    }

    /** A ping the budget did not pass on (on the channel's event loop): counted, and a frame like any other. */
    private void pongDropped() {
        metrics.pongDropped();
        arrived(true);
    }

    private void arrived(boolean pongDropped) {
        Instant now = clock.instant();
        boolean flooding;
        synchronized (this) {
            if (windowStart == null || !now.isBefore(windowStart.plus(Duration.ofSeconds(1)))) {
                windowStart = now;
                framesInWindow = 0;
            }
            flooding = ++framesInWindow > limits.maxClientFramesPerSecond();
            if (!flooding && (pongDropped || writeQueueFull())) {
                // Each ping read costs a pong we cannot send: read nothing more until it reads (drainHandler, or
                // the sweep once its pongs have left). At the channel: Vert.x's pause() holds data frames only,
                // a ping always asks for the next frame.
                reading(false);
                markStalled(now);
            }
        }
        if (flooding) {
            close("flood");
        }
    }

    private synchronized void drained() {
        reading(true);
        pump();
        if (!behind()) {
            stalledSince = null;
        }
    }

    /**
     * Frames wait for it. Only catching up (nothing waiting) ends a stall: the kernel taking a little more of
     * what it does not read, now and then, is no progress of the client's.
     */
    private boolean behind() {
        return !queued.isEmpty() || writeQueueFull() || pongs.full();
    }

    private void ping(Instant now) {
        pingSentAt = now;
        lastPingAt = now;
        try {
            socket.writePing(PING);
        } catch (IllegalStateException closedMeanwhile) {
            // the close handler takes it out of the feed
        }
    }

    /** False once closed (Vert.x throws then): the writers are other threads than the socket's. */
    private boolean writeQueueFull() {
        try {
            return !socket.isClosed() && socket.writeQueueFull();
        } catch (IllegalStateException closedMeanwhile) {
            return false;
        }
    }

    private void markStalled(Instant now) {
        if (stalledSince == null) {
            stalledSince = now;
        }
    }

    private void pump() {
        while (!queued.isEmpty() && !socket.isClosed()) {
            if (writeQueueFull()) {
                markStalled(clock.instant());
                return;
            }
            try {
                socket.writeTextMessage(queued.pollFirst());
            } catch (IllegalStateException closedMeanwhile) {
                return;
            }
            metrics.sent();
        }
    }
}
