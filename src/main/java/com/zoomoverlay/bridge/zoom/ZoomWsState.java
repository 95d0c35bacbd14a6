package com.zoomoverlay.bridge.zoom;

import java.util.Locale;

/** Where the Event WebSocket connection is; {@link #label()} is what status pages and metrics show. */
public enum ZoomWsState {
    /** The consumer route is not running (or this replica is not the leader). */
    STOPPED,
    /** No access token yet: waiting for a login. */
    WAITING_FOR_TOKEN,
    CONNECTING,
    CONNECTED,
    /** Waiting out a jittered backoff before the next attempt. */
    BACKING_OFF,
    /** Zoom rejected the token (4700); one refresh is under way. */
    REFRESHING_TOKEN,
    /** The grant is gone: nothing is attempted until a person logs in again. */
    REAUTHORIZATION_REQUIRED,
    /**
     * Zoom rejected the token again right after a refresh (4700 twice in a row: scopes, a revoked app,
     * a subscription of another app): nothing is attempted until a new token is stored.
     */
    TOKEN_REJECTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
