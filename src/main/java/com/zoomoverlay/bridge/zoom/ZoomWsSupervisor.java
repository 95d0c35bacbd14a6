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
 * heartbeat, reconnect on the {@link ReconnectPolicy} (made for a live show), refresh once on 4700 and
 * report a second 4700 in a row instead of retrying it, wait for a login when the grant is gone, and
 * report each window in which Zoom events may be missing ({@link ZoomWsGap}) once the connection is
 * back. Every decision runs on one Vert.x context, so there is never a second connect in flight and
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
    private final Consumer<ZoomWsGap> gaps;
    private final ReconnectPolicy policy;
    private final ReconnectScheduler scheduler;
    private final GapWatch gapWatch = new GapWatch();

    private boolean stopped;
    private boolean connecting;
    private Future<WebSocket> pending;
    private WebSocket socket;
    private HeartbeatMonitor heartbeat;
    private String token;
    private String localCloseReason;
    private long buildTimer = -1;
    private long reconnectTimer = -1;
    private int tokenRejections;

    ZoomWsSupervisor(Vertx vertx, URI url, ZoomWsSettings settings, AccessTokenSource tokens, Clock clock,
                     ZoomWsStatus status, ZoomWsMetrics metrics, ReconnectScheduler scheduler,
                     Consumer<ZoomFrame.Event> events, Consumer<ZoomWsGap> gaps) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.settings = settings;
        this.tokens = tokens;
        this.clock = clock;
        this.status = status;
        this.metrics = metrics;
        this.events = events;
        this.gaps = gaps;
        this.scheduler = scheduler;
        this.decoder = new ZoomFrameDecoder(settings.maxFrameBytes());
        this.policy = new ReconnectPolicy(settings, new SecureRandom());
        this.connector = new ZoomWsConnector(vertx, url, settings);
    }

    void start() {
        context.runOnContext(v -> attempt());
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
        gapWatch.opened(clock.instant());
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
        gapWatch.alive(clock.instant());
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
        Instant now = clock.instant();
        policy.connected(now);
        status.state(ZoomWsState.CONNECTED);
        metrics.connected();
        LOG.info("zoom websocket connected host={} reconnects={}", connector.host(), status.reconnects());
        gapWatch.built(now).ifPresent(this::gapClosed);
    }

    // Reported before any frame of the new connection is read (same context), so it precedes them downstream.
    private void gapClosed(ZoomWsGap gap) {
        status.gap(gap);
        metrics.gap(gap);
        LOG.info("zoom websocket gap from={} to={} duration_ms={} attempts={} accept_to_connected_ms={} reason=\"{}\"",
                gap.from(), gap.to(), gap.duration().toMillis(), gap.attempts(), gap.acceptToConnected().toMillis(),
                gap.reason());
        gaps.accept(gap);
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
        Instant now = clock.instant();
        boolean wasBuilt = gapWatch.isBuilt();
        if (policy.stable(now)) {
            // Only a connection that held proves the token good: a 4700 right after a build still counts as "in a row".
            tokenRejections = 0;
        } else if (wasBuilt) {
            LOG.warn("zoom websocket flapping: lost before it was stable stable_after_ms={} outage_attempts={}",
                    settings.stableAfter().toMillis(), policy.attempts());
        }
        policy.lost(now);
        gapWatch.lost(reason);
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
        policy.lost(clock.instant());
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

    /**
     * 4700: one refresh, then straight back (not an attempt of the outage: the token, not Zoom, was the
     * trouble). A second rejection in a row, of a token just refreshed, is no longer something a retry
     * fixes (scopes, a revoked app, another app's subscription): reported, and left until a new token.
     */
    private void tokenRejected() {
        tokenRejections++;
        if (tokenRejections > 1) {
            needsAttention();
        } else {
            refreshToken();
        }
    }

    private void needsAttention() {
        status.state(ZoomWsState.TOKEN_REJECTED);
        status.error("token rejected again right after a refresh (4700 twice in a row): check the app's scopes"
                + " and that the subscription belongs to it; retried when a new token is stored");
        metrics.tokenRefresh("rejected_again");
        LOG.error("zoom websocket not reconnecting: a freshly refreshed token was rejected too (4700 twice in a row);"
                + " check the app's scopes and subscription, then log in again at /oauth/login");
    }

    private void refreshToken() {
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
                // The token endpoint, not Zoom, is down: ask again at the outage's pace (the rejected token is no use).
                scheduleReconnect(this::refreshToken);
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
        Duration delay = policy.nextDelay(clock.instant());
        gapWatch.attempt();
        status.outage(policy.outageSince(), policy.attempts());
        status.state(ZoomWsState.BACKING_OFF);
        status.reconnectScheduled();
        metrics.reconnectScheduled();
        LOG.info("zoom websocket reconnecting in_ms={} attempt={}", delay.toMillis(), policy.attempts());
        reconnectTimer = scheduler.schedule(vertx, delay, () -> {
            reconnectTimer = -1;
            next.run();
        });
    }

    private void cancelTimers() {
        if (heartbeat != null) {
            heartbeat.stop();
            heartbeat = null;
        }
        vertx.cancelTimer(buildTimer);
        if (reconnectTimer >= 0) {
            scheduler.cancel(vertx, reconnectTimer);
        }
        buildTimer = -1;
        reconnectTimer = -1;
    }
}
