package com.zoomoverlay.bridge.zoom;

import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import com.zoomoverlay.bridge.oauth.AccessTokenSource;
import com.zoomoverlay.bridge.oauth.ReauthorizationRequiredException;
import io.vertx.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the supervisor does when the token, not Zoom, is the trouble (a 4700 close, a 401 upgrade):
 * refresh once and connect at once with the new token, since that is not an attempt of an outage and
 * waiting would only cost show. A second rejection in a row, of a token just refreshed, is no longer
 * something a retry fixes (scopes, a revoked app, another app's subscription): it is reported as needing
 * attention and left until a new token is stored, instead of being retried forever. A grant that is gone
 * waits for a login. "In a row" ends only when a connection held ({@link #connectionHeld}): a 4700 right
 * after a build still counts. Used from the supervisor's context only.
 */
final class TokenRejections {

    // The supervisor's logger: the connection's whole story stays under one name.
    private static final Logger LOG = LoggerFactory.getLogger(ZoomWsSupervisor.class);

    private final Context context;
    private final AccessTokenSource tokens;
    private final ZoomWsStatus status;
    private final ZoomWsMetrics metrics;
    private final BooleanSupplier stopped;
    private final Consumer<String> connect;
    private final Consumer<Runnable> retryLater;
    private int inARow;

    /**
     * {@code connect} opens a connection with the token it is given; {@code retryLater} runs its task at
     * the outage's pace ({@link OutageTracker#retry}).
     */
    TokenRejections(Context context, AccessTokenSource tokens, ZoomWsStatus status, ZoomWsMetrics metrics,
                    BooleanSupplier stopped, Consumer<String> connect, Consumer<Runnable> retryLater) {
        this.context = context;
        this.tokens = tokens;
        this.status = status;
        this.metrics = metrics;
        this.stopped = stopped;
        this.connect = connect;
        this.retryLater = retryLater;
    }

    /** A connection lasted long enough to prove its token good: the next rejection is a first one again. */
    void connectionHeld() {
        inARow = 0;
    }

    /** Zoom rejected the token the bridge connected with. */
    void rejected() {
        inARow++;
        if (inARow > 1) {
            needsAttention();
        } else {
            refresh();
        }
    }

    /** The grant is gone: nothing is attempted until a person logs in again (a new token wakes the supervisor). */
    void waitForLogin() {
        status.state(ZoomWsState.REAUTHORIZATION_REQUIRED);
        status.error("re-authorization required: log in again at /oauth/login");
        LOG.warn("zoom websocket not reconnecting: re-authorization required");
    }

    private void needsAttention() {
        status.state(ZoomWsState.TOKEN_REJECTED);
        status.error("token rejected again right after a refresh (4700 twice in a row): check the app's scopes"
                + " and that the subscription belongs to it; retried when a new token is stored");
        metrics.tokenRefresh("rejected_again");
        LOG.error("zoom websocket not reconnecting: a freshly refreshed token was rejected too (4700 twice in a row);"
                + " check the app's scopes and subscription, then log in again at /oauth/login");
    }

    private void refresh() {
        if (stopped.getAsBoolean()) {
            return;
        }
        if (tokens.reauthorizationRequired()) {
            waitForLogin();
            return;
        }
        status.state(ZoomWsState.REFRESHING_TOKEN);
        LOG.info("zoom websocket token rejected (4700): refreshing");
        // The refresh completes on the token source's thread: hop back, every decision runs on one context.
        tokens.refresh("zoom websocket closed with 4700").whenComplete((fresh, error) -> context.runOnContext(v -> {
            if (!stopped.getAsBoolean()) {
                refreshed(fresh, error);
            }
        }));
    }

    private void refreshed(String fresh, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            metrics.tokenRefresh("ok");
            connect.accept(fresh);
        } else if (cause instanceof ReauthorizationRequiredException) {
            metrics.tokenRefresh("reauthorization_required");
            waitForLogin();
        } else {
            metrics.tokenRefresh("failed");
            status.error("token refresh failed: " + cause.getClass().getSimpleName());
            // The token endpoint, not Zoom, is down: ask again at the outage's pace (the rejected token is no use).
            retryLater.accept(this::refresh);
        }
    }
}
