package com.zoomoverlay.bridge.zoom;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket Zoom accepted, from the upgrade to its close: decodes its frames, keeps it honest with the
 * {@link HeartbeatMonitor}, gives up on it when {@code build_connection} does not come within the
 * heartbeat timeout, and tells the supervisor what happened ({@link Listener}). The supervisor decides
 * what follows; this class only knows its own socket. Once {@link #retire retired} (closed, or the
 * supervisor stopping) nothing of it reaches the supervisor any more, so a late frame or close of an old
 * socket can never be mistaken for the current one. Used from the supervisor's context only.
 */
final class ZoomWsConnection {

    // The supervisor's logger: the connection's whole story stays under one name.
    private static final Logger LOG = LoggerFactory.getLogger(ZoomWsSupervisor.class);

    /** What the supervisor hears from a connection, on its context. */
    interface Listener {

        /** Any frame at all: the connection was alive at this moment. */
        void alive();

        void event(ZoomFrame.Event event);

        /** {@code build_connection} succeeded: Zoom will send events on this connection. */
        void built(ZoomWsConnection connection);

        /** The socket is closed, by either side; {@link #closeCode} and {@link #closeReason} say how. */
        void closed(ZoomWsConnection connection);
    }

    private final Vertx vertx;
    private final WebSocket ws;
    private final String token;
    private final ZoomWsSettings settings;
    private final ZoomWsMetrics metrics;
    private final ZoomFrameDecoder decoder;
    private final Listener listener;
    private final HeartbeatMonitor heartbeat;
    private long buildTimer = -1;
    private String localCloseReason;
    private boolean retired;

    /** {@code token} is only used to mask itself should Zoom echo it in a close reason. */
    ZoomWsConnection(Vertx vertx, WebSocket ws, String token, ZoomWsSettings settings, ZoomWsMetrics metrics,
                     ZoomFrameDecoder decoder, Listener listener) {
        this.vertx = vertx;
        this.ws = ws;
        this.token = token;
        this.settings = settings;
        this.metrics = metrics;
        this.decoder = decoder;
        this.listener = listener;
        this.heartbeat = new HeartbeatMonitor(vertx, ws, settings, metrics, this::giveUp);
    }

    /** Installs the handlers and starts the heartbeat and the wait for {@code build_connection}. */
    void start() {
        ws.textMessageHandler(this::received);
        ws.exceptionHandler(e -> OversizedFrames.atLeastBytes(e, ZoomWsConnector.stackLimit(settings)).ifPresentOrElse(
                metrics::oversizedAtStack,
                () -> LOG.info("zoom websocket error type={}", e.getClass().getName())));
        ws.closeHandler(v -> closed());
        heartbeat.start();
        buildTimer = vertx.setTimer(settings.heartbeatTimeout().toMillis(), id -> {
            buildTimer = -1;
            giveUp("no build_connection within " + settings.heartbeatTimeout().toMillis() + " ms");
        });
    }

    /** Stops the timers; from now on frames and the close of this socket are ignored. */
    void retire() {
        retired = true;
        heartbeat.stop();
        vertx.cancelTimer(buildTimer);
        buildTimer = -1;
    }

    WebSocket socket() {
        return ws;
    }

    void pause() {
        ws.pause();
    }

    void resume() {
        ws.resume();
    }

    Short closeCode() {
        return ws.closeStatusCode();
    }

    /** Why it ended, safe to log and show: our own reason if we gave up, else Zoom's close described. */
    String closeReason() {
        return localCloseReason != null ? localCloseReason : ZoomCloseDescriptions.close(ws.closeStatusCode(), ws.closeReason(), token);
    }

    /** Whether Zoom closed it with 4700 (a close we started ourselves is never a token verdict). */
    boolean tokenRejected() {
        Short code = ws.closeStatusCode();
        return localCloseReason == null && code != null && code == ZoomWsSupervisor.TOKEN_INVALID;
    }

    private void received(String text) {
        if (retired) {
            return;
        }
        listener.alive();
        ZoomFrame frame = decoder.decode(text);
        metrics.frame(frame);
        if (frame instanceof ZoomFrame.Event event) {
            listener.event(event);
        } else if (frame instanceof ZoomFrame.HeartbeatReply) {
            heartbeat.replied();
        } else if (frame instanceof ZoomFrame.BuildConnection build) {
            buildConnection(build.success());
        } else if (frame instanceof ZoomFrame.Rejected rejected) {
            metrics.decodeFailure(rejected.kind(), text.length());
        }
    }

    private void buildConnection(boolean success) {
        vertx.cancelTimer(buildTimer);
        buildTimer = -1;
        if (success) {
            listener.built(this);
        } else {
            giveUp("build_connection failed");
        }
    }

    /** Our side gives up on the connection; the supervisor hears of it at the close, so two never overlap. */
    private void giveUp(String why) {
        if (retired) {
            return;
        }
        localCloseReason = why;
        LOG.warn("zoom websocket closing reason=\"{}\"", why);
        ws.close((short) 1001, "client gave up: " + why);
    }

    private void closed() {
        if (retired) {
            return; // the supervisor let go of it already (stopping): it waits for this close itself
        }
        retire();
        listener.closed(this);
    }
}
