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
    REAUTHORIZATION_REQUIRED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
