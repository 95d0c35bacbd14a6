package com.zoomoverlay.bridge.zoom;

import java.util.Locale;

import io.vertx.core.http.UpgradeRejectedException;

/**
 * Describes why a connection ended, for logs and {@code lastError}. Built only from codes, exception
 * types and a scrubbed close reason: never an exception message (it may hold the URL with its token).
 */
final class ZoomCloseDescriptions {

    private ZoomCloseDescriptions() {
    }

    /** The server's close, without anything it echoed that could be a token. */
    static String close(Short code, String reason, String token) {
        if (code != null && code == ZoomWsSupervisor.TOKEN_INVALID) {
            return "token rejected (4700)";
        }
        String text = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (text.contains("replaced") || text.contains("another")) {
            return "replaced by another client for this subscription (code " + code + ")";
        }
        String safe = reason == null ? "" : reason;
        if (token != null) {
            safe = safe.replace(token, "****");
        }
        // Anything token-shaped goes too, then anything that is not plain text.
        safe = safe.replaceAll("[A-Za-z0-9_\\-]{24,}", "****").replaceAll("[^A-Za-z0-9 ._:*-]", "");
        safe = safe.length() > 120 ? safe.substring(0, 120) : safe;
        return code == null ? "connection lost (no close frame)" : "closed by server code=" + code
                + (safe.isBlank() ? "" : " reason=" + safe);
    }

    static String failure(Throwable cause) {
        if (cause instanceof UpgradeRejectedException rejected) {
            return "upgrade rejected status=" + rejected.getStatus();
        }
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        String type = cause.getClass().getSimpleName();
        return type.toLowerCase(Locale.ROOT).contains("timeout") ? "connect timeout" : "connect failed: " + type;
    }
}
