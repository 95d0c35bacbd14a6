package com.zoomoverlay.bridge.zoomhook;

import java.util.Locale;

/**
 * Why {@code POST /zoom/webhook} refused a request, with the status Zoom gets. The names are the
 * {@code reason} tag of {@code zoom_webhook_rejected_total} (a fixed set). Nothing refused reaches the routes.
 */
enum Rejection {
    MISSING_SIGNATURE(401, "unauthorized", "x-zm-signature and x-zm-request-timestamp are required"),
    BAD_SIGNATURE(401, "unauthorized", "x-zm-signature does not match"),
    BAD_TIMESTAMP(400, "bad_request", "x-zm-request-timestamp must be unix seconds"),
    STALE_TIMESTAMP(400, "bad_request", "x-zm-request-timestamp is more than 5 minutes from now"),
    MALFORMED_BODY(400, "bad_request", "the body is not a Zoom event"),
    BAD_EVENT_TYPE(400, "bad_request", "the event type is not one Zoom sends"),
    INTAKE_FULL(503, "unavailable", "the bridge is busy; retry later"),
    STORE_FAILED(500, "internal_error", "the event could not be stored; retry later");

    final int status;
    final String error;
    final String message;

    Rejection(int status, String error, String message) {
        this.status = status;
        this.error = error;
        this.message = message;
    }

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
