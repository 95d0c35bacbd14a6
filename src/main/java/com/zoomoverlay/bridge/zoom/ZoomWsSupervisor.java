package com.zoomoverlay.bridge.zoom;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.zoomoverlay.bridge.oauth.AccessTokenSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds at most one Event WebSocket connection and keeps it up. This class owns the one rule everything
 * else leans on: every decision runs on one Vert.x context, so there is never a second connect in flight
 * and the next connection is only opened after the previous one's close has been seen. The rest is
 * handed out by concern:
 * <ul>
 *   <li>{@link ZoomWsConnection}: one accepted socket (frames, heartbeat, the wait for {@code build_connection});</li>
 *   <li>{@link OutageTracker}: when to try again ({@link ReconnectPolicy}, made for a live show) and the
 *       windows in which events may be missing ({@link ZoomWsGap}), reported once the connection is back;</li>
 *   <li>{@link TokenRejections}: a 4700 refreshes once, a second in a row needs attention, a gone grant
 *       waits for a login.</li>
 * </ul>
 * One instance per consumer start; after {@link #stop} it never connects again.
 */
final class ZoomWsSupervisor implements ZoomWsConnection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ZoomWsSupervisor.class);
    static final short TOKEN_INVALID = 4700;

    private final Vertx vertx;
    private final Context context;
    private final ZoomWsConnector connector;
    private final ZoomWsSettings settings;
    private final AccessTokenSource tokens;
    private final ZoomWsStatus status;
    private final ZoomWsMetrics metrics;
    private final ZoomFrameDecoder decoder;
    private final Consumer<ZoomFrame.Event> events;
    private final OutageTracker outage;
    private final TokenRejections rejections;

    private boolean stopped;
    private boolean connecting;
    private Future<WebSocket> pending;
    private ZoomWsConnection current;

    ZoomWsSupervisor(Vertx vertx, URI url, ZoomWsSettings settings, AccessTokenSource tokens, Clock clock,
                     ZoomWsStatus status, ZoomWsMetrics metrics, ReconnectScheduler scheduler,
                     Consumer<ZoomFrame.Event> events, Consumer<ZoomWsGap> gaps) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.settings = settings;
        this.tokens = tokens;
        this.status = status;
        this.metrics = metrics;
        this.events = events;
        this.decoder = new ZoomFrameDecoder(settings.maxFrameBytes());
        this.connector = new ZoomWsConnector(vertx, url, settings);
        this.outage = new OutageTracker(vertx, clock, settings, status, metrics,
                new ReconnectPolicy(settings, new SecureRandom()), scheduler, gaps);
        this.rejections = new TokenRejections(context, tokens, status, metrics, () -> stopped, this::connect, outage::retry);
    }

    void start() {
        context.runOnContext(v -> attempt());
    }

    /**
     * Starts with a window already open: Zoom was last known alive at {@code from}, before this supervisor
     * (another process, another replica, an earlier consumer). The first {@code build_connection} closes it
     * and reports it as a gap like any other. Call before {@link #start}.
     */
    void carriedOver(Instant from, String reason) {
        context.runOnContext(v -> outage.carriedOver(from, reason));
    }

    /** A new token was stored (a login, a refresh): resume if we were waiting for one. */
    void tokenArrived() {
        context.runOnContext(v -> {
            ZoomWsState state = status.state();
            if (!stopped && (state == ZoomWsState.WAITING_FOR_TOKEN || state == ZoomWsState.REAUTHORIZATION_REQUIRED
                    || state == ZoomWsState.TOKEN_REJECTED)) {
                attempt();
            }
        });
    }

    /**
     * Cancels everything and closes the connection, including one still being opened; completes once
     * the socket is really closed, so a restarted consumer never overlaps with this one.
     */
    CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            stopped = true;
            outage.stop();
            status.state(ZoomWsState.STOPPED);
            ZoomWsConnection open = current;
            current = null;
            if (open != null) {
                open.retire();
            }
            Future<WebSocket> last = open != null ? Future.succeededFuture(open.socket())
                    : pending != null ? pending : Future.failedFuture("no connection");
            last.onComplete(ar -> {
                if (ar.succeeded()) {
                    closeForGood(ar.result(), done);
                } else {
                    connector.close().onComplete(x -> done.complete(null));
                }
            });
        });
        return done;
    }

    /**
     * Back-pressure from the intake: stop reading frames (TCP pushes back on Zoom) until
     * {@link #resumeReading}. Meant to be brief: heartbeat answers wait too, and a pause longer than the
     * heartbeat timeout ends the connection like any silent one.
     */
    void pauseReading() {
        context.runOnContext(v -> {
            if (current != null) {
                current.pause();
            }
        });
    }

    void resumeReading() {
        context.runOnContext(v -> {
            if (current != null) {
                current.resume();
            }
        });
    }

    /** Runs {@code action} on the supervisor's context (where the socket's frames are delivered). */
    void runOnContext(Runnable action) {
        context.runOnContext(v -> action.run());
    }

    private void closeForGood(WebSocket ws, CompletableFuture<Void> done) {
        LOG.info("zoom websocket closing reason=stopping");
        ws.closeHandler(x -> connector.close().onComplete(y -> done.complete(null)));
        if (ws.isClosed()) {
            connector.close().onComplete(y -> done.complete(null));
        } else {
            ws.close((short) 1000, "client stopping");
        }
    }

    private void attempt() {
        if (stopped || current != null || connecting) {
            return;
        }
        Optional<String> token = tokens.currentAccessToken();
        if (token.isPresent()) {
            connect(token.get());
        } else if (tokens.reauthorizationRequired()) {
            rejections.waitForLogin();
        } else {
            status.state(ZoomWsState.WAITING_FOR_TOKEN);
            LOG.info("zoom websocket waiting for an access token (log in at /oauth/login)");
        }
    }

    private void connect(String token) {
        connecting = true;
        status.state(ZoomWsState.CONNECTING);
        pending = connector.connect(token);
        pending.onComplete(ar -> {
            connecting = false;
            pending = null;
            if (ar.succeeded()) {
                opened(ar.result(), token);
            } else {
                connectFailed(ar.cause());
            }
        });
    }

    private void opened(WebSocket ws, String token) {
        if (stopped) {
            return; // stop() is waiting on this connect and closes it
        }
        outage.opened();
        current = new ZoomWsConnection(vertx, ws, token, settings, metrics, decoder, this);
        current.start();
    }

    private void connectFailed(Throwable cause) {
        if (stopped) {
            return;
        }
        outage.connectFailed();
        if (cause instanceof UpgradeRejectedException rejected && rejected.getStatus() == 401) {
            status.error("token rejected (upgrade status 401)");
            rejections.rejected();
            return;
        }
        String description = ZoomCloseDescriptions.failure(cause);
        LOG.warn("zoom websocket connect failed reason=\"{}\"", description);
        status.error(description);
        outage.retry(this::attempt);
    }

    @Override
    public void alive() {
        outage.alive();
    }

    @Override
    public void event(ZoomFrame.Event event) {
        status.eventReceived();
        events.accept(event);
    }

    @Override
    public void built(ZoomWsConnection connection) {
        status.state(ZoomWsState.CONNECTED);
        metrics.connected();
        LOG.info("zoom websocket connected host={} reconnects={}", connector.host(), status.reconnects());
        outage.built();
    }

    @Override
    public void closed(ZoomWsConnection connection) {
        if (connection != current) {
            return; // a stale connection (stopped, replaced): nothing to do
        }
        current = null;
        outage.cancelRetry();
        Short code = connection.closeCode();
        String reason = connection.closeReason();
        metrics.disconnected(code);
        if (outage.lost(reason)) {
            rejections.connectionHeld();
        }
        LOG.warn("zoom websocket disconnected code={} reason=\"{}\"", code, reason);
        status.error(reason);
        if (connection.tokenRejected()) {
            rejections.rejected();
        } else {
            outage.retry(this::attempt);
        }
    }
}
