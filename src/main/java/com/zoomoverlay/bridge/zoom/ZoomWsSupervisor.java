package com.zoomoverlay.bridge.zoom;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import com.zoomoverlay.bridge.oauth.AccessTokenSource;
import com.zoomoverlay.bridge.oauth.ReauthorizationRequiredException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds at most one Event WebSocket connection and keeps it up: connect with the current token,
 * heartbeat, reconnect with jittered backoff, refresh once on 4700, wait for a login when the grant is
 * gone. Every decision runs on one Vert.x context, so there is never a second connect in flight and
 * the next connection is only opened after the previous one's close has been seen. One instance per
 * consumer start; after {@link #stop} it never connects again.
 */
final class ZoomWsSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(ZoomWsSupervisor.class);
    static final short TOKEN_INVALID = 4700;

    private final Vertx vertx;
    private final Context context;
    private final ZoomWsConnector connector;
    private final ZoomWsSettings settings;
    private final AccessTokenSource tokens;
    private final Clock clock;
    private final ZoomWsStatus status;
    private final ZoomWsMetrics metrics;
    private final ZoomFrameDecoder decoder;
    private final Consumer<ZoomFrame.Event> events;
    private final ReconnectBackoff backoff;

    private boolean stopped;
    private boolean connecting;
    private Future<WebSocket> pending;
    private WebSocket socket;
    private HeartbeatMonitor heartbeat;
    private String token;
    private String localCloseReason;
    private Instant connectedAt;
    private long buildTimer = -1;
    private long reconnectTimer = -1;
    private int tokenRejections;

    ZoomWsSupervisor(Vertx vertx, URI url, ZoomWsSettings settings, AccessTokenSource tokens, Clock clock,
                     ZoomWsStatus status, ZoomWsMetrics metrics, Consumer<ZoomFrame.Event> events) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.settings = settings;
        this.tokens = tokens;
        this.clock = clock;
        this.status = status;
        this.metrics = metrics;
        this.events = events;
        this.decoder = new ZoomFrameDecoder(settings.maxFrameBytes());
        this.backoff = new ReconnectBackoff(settings.backoffInitial(), settings.backoffMax(), new SecureRandom());
        this.connector = new ZoomWsConnector(vertx, url, settings);
    }

    void start() {
        context.runOnContext(v -> attempt());
    }

    /** A new token was stored (a login, a refresh): resume if we were waiting for one. */
    void tokenArrived() {
        context.runOnContext(v -> {
            ZoomWsState state = status.state();
            if (!stopped && (state == ZoomWsState.WAITING_FOR_TOKEN || state == ZoomWsState.REAUTHORIZATION_REQUIRED)) {
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
            cancelTimers();
            status.state(ZoomWsState.STOPPED);
            WebSocket open = socket;
            socket = null;
            Future<WebSocket> last = open != null ? Future.succeededFuture(open)
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
            if (socket != null) {
                socket.pause();
            }
        });
    }

    /** Runs {@code action} on the supervisor's context (where the socket's frames are delivered). */
    void runOnContext(Runnable action) {
        context.runOnContext(v -> action.run());
    }

    void resumeReading() {
        context.runOnContext(v -> {
            if (socket != null) {
                socket.resume();
            }
        });
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
        reconnectTimer = -1;
        if (stopped || socket != null || connecting) {
            return;
        }
        Optional<String> current = tokens.currentAccessToken();
        if (current.isPresent()) {
            connect(current.get());
        } else if (tokens.reauthorizationRequired()) {
            waitForLogin();
        } else {
            status.state(ZoomWsState.WAITING_FOR_TOKEN);
            LOG.info("zoom websocket waiting for an access token (log in at /oauth/login)");
        }
    }

    private void waitForLogin() {
        status.state(ZoomWsState.REAUTHORIZATION_REQUIRED);
        status.error("re-authorization required: log in again at /oauth/login");
        LOG.warn("zoom websocket not reconnecting: re-authorization required");
    }

    private void connect(String accessToken) {
        connecting = true;
        token = accessToken;
        status.state(ZoomWsState.CONNECTING);
        pending = connector.connect(accessToken);
        pending.onComplete(ar -> {
            connecting = false;
            pending = null;
            if (ar.succeeded()) {
                opened(ar.result());
            } else {
                connectFailed(ar.cause());
            }
        });
    }

    private void opened(WebSocket ws) {
        if (stopped) {
            return; // stop() is waiting on this connect and closes it
        }
        socket = ws;
        localCloseReason = null;
        heartbeat = new HeartbeatMonitor(vertx, ws, settings, metrics, why -> dead(ws, why));
        ws.textMessageHandler(text -> received(ws, text));
        ws.exceptionHandler(e -> OversizedFrames.atLeastBytes(e, ZoomWsConnector.stackLimit(settings)).ifPresentOrElse(
                bytes -> metrics.oversizedAtStack(bytes),
                () -> LOG.debug("zoom websocket error type={}", e.getClass().getSimpleName())));
        ws.closeHandler(v -> closed(ws));
        heartbeat.start();
        buildTimer = vertx.setTimer(settings.heartbeatTimeout().toMillis(), id -> {
            buildTimer = -1;
            dead(ws, "no build_connection within " + settings.heartbeatTimeout().toMillis() + " ms");
        });
    }

    private void received(WebSocket ws, String text) {
        if (ws != socket) {
            return;
        }
        ZoomFrame frame = decoder.decode(text);
        metrics.frame(frame);
        if (frame instanceof ZoomFrame.Event event) {
            status.eventReceived();
            events.accept(event);
        } else if (frame instanceof ZoomFrame.HeartbeatReply) {
            heartbeat.replied();
        } else if (frame instanceof ZoomFrame.BuildConnection build) {
            buildConnection(ws, build.success());
        } else if (frame instanceof ZoomFrame.Rejected rejected) {
            metrics.decodeFailure(rejected.kind(), text.length());
        }
    }

    private void buildConnection(WebSocket ws, boolean success) {
        vertx.cancelTimer(buildTimer);
        buildTimer = -1;
        if (!success) {
            dead(ws, "build_connection failed");
            return;
        }
        tokenRejections = 0;
        connectedAt = clock.instant();
        status.state(ZoomWsState.CONNECTED);
        metrics.connected();
        LOG.info("zoom websocket connected host={} reconnects={}", connector.host(), status.reconnects());
    }

    /** Our side gives up on the connection; reconnecting waits for its close so two never overlap. */
    private void dead(WebSocket ws, String why) {
        if (ws != socket) {
            return;
        }
        localCloseReason = why;
        LOG.warn("zoom websocket closing reason=\"{}\"", why);
        ws.close((short) 1001, "client gave up: " + why);
    }

    private void closed(WebSocket ws) {
        if (ws != socket) {
            return; // a stale socket (stopped, replaced): nothing to do
        }
        socket = null;
        cancelTimers();
        Short code = ws.closeStatusCode();
        String reason = localCloseReason != null ? localCloseReason : ZoomCloseDescriptions.close(code, ws.closeReason(), token);
        metrics.disconnected(code);
        if (connectedAt != null && !Duration.between(connectedAt, clock.instant()).minus(settings.stableAfter()).isNegative()) {
            backoff.reset();
        }
        connectedAt = null;
        LOG.warn("zoom websocket disconnected code={} reason=\"{}\"", code, reason);
        status.error(reason);
        if (localCloseReason == null && code != null && code == TOKEN_INVALID) {
            tokenRejected();
        } else {
            scheduleReconnect();
        }
    }

    private void connectFailed(Throwable cause) {
        if (stopped) {
            return;
        }
        if (cause instanceof UpgradeRejectedException rejected && rejected.getStatus() == 401) {
            status.error("token rejected (upgrade status 401)");
            tokenRejected();
            return;
        }
        String description = ZoomCloseDescriptions.failure(cause);
        LOG.warn("zoom websocket connect failed reason=\"{}\"", description);
        status.error(description);
        scheduleReconnect();
    }

    /** 4700: one refresh, then straight back; a second rejection in a row goes through backoff first. */
    private void tokenRejected() {
        tokenRejections++;
        if (tokenRejections > 1) {
            scheduleReconnect(this::refreshToken);
        } else {
            refreshToken();
        }
    }

    private void refreshToken() {
        reconnectTimer = -1;
        if (stopped) {
            return;
        }
        if (tokens.reauthorizationRequired()) {
            waitForLogin();
            return;
        }
        status.state(ZoomWsState.REFRESHING_TOKEN);
        LOG.info("zoom websocket token rejected (4700): refreshing");
        tokens.refresh("zoom websocket closed with 4700").whenComplete((fresh, error) -> context.runOnContext(v -> {
            if (stopped) {
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause == null) {
                metrics.tokenRefresh("ok");
                connect(fresh);
            } else if (cause instanceof ReauthorizationRequiredException) {
                metrics.tokenRefresh("reauthorization_required");
                waitForLogin();
            } else {
                metrics.tokenRefresh("failed");
                status.error("token refresh failed: " + cause.getClass().getSimpleName());
                scheduleReconnect();
            }
        }));
    }

    private void scheduleReconnect() {
        scheduleReconnect(this::attempt);
    }

    private void scheduleReconnect(Runnable next) {
        if (stopped) {
            return;
        }
        Duration delay = backoff.next();
        status.consecutiveFailures(backoff.failures());
        status.state(ZoomWsState.BACKING_OFF);
        status.reconnectScheduled();
        metrics.reconnectScheduled();
        LOG.info("zoom websocket reconnecting in_ms={} attempt={}", delay.toMillis(), backoff.failures());
        reconnectTimer = vertx.setTimer(delay.toMillis(), id -> next.run());
    }

    private void cancelTimers() {
        if (heartbeat != null) {
            heartbeat.stop();
            heartbeat = null;
        }
        vertx.cancelTimer(buildTimer);
        vertx.cancelTimer(reconnectTimer);
        buildTimer = -1;
        reconnectTimer = -1;
    }
}
