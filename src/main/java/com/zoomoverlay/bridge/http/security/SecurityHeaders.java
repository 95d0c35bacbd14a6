package com.zoomoverlay.bridge.http.security;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Puts the contract's four security headers on every response, before any other handler runs. The
 * console and the admin answers ({@code /}, {@code /admin/...}, {@code /oauth/...}) also refuse to be
 * framed ({@code frame-ancestors 'none'}, and {@code X-Frame-Options: DENY} for browsers without CSP 2),
 * so another site cannot lay them under its own page and steer the admin's clicks. Everything else,
 * the overlay page above all, keeps {@code default-src 'self'} alone and may be embedded.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

    static final String CSP = "default-src 'self'";
    static final String CSP_NOT_FRAMED = CSP + "; frame-ancestors 'none'";

    @Override
    public void handle(RoutingContext ctx) {
        apply(ctx.response().headers(), ctx.normalizedPath());
        ctx.next();
    }

    /** The headers for an answer to {@code path}; {@code null} (a path that could not be read) counts as admin. */
    public static void apply(MultiMap headers, String path) {
        headers.set("Strict-Transport-Security", "max-age=31536000");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
        if (isAdminPath(path)) {
            headers.set("Content-Security-Policy", CSP_NOT_FRAMED);
            headers.set("X-Frame-Options", "DENY");
        } else {
            headers.set("Content-Security-Policy", CSP);
        }
    }

    /** The console and every admin or login answer. */
    static boolean isAdminPath(String path) {
        return path == null || "/".equals(path) || path.startsWith("/admin/") || "/admin".equals(path)
                || path.startsWith("/oauth/");
    }
}
