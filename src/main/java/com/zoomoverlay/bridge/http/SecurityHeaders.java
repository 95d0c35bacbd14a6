package com.zoomoverlay.bridge.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/** Puts the contract's four security headers on every response, before any other handler runs. */
public final class SecurityHeaders implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        headers.set("Strict-Transport-Security", "max-age=31536000");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", "default-src 'self'");
        headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
        ctx.next();
    }
}
