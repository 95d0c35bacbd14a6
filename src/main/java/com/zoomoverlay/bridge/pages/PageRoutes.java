package com.zoomoverlay.bridge.pages;

import java.util.Optional;

import com.zoomoverlay.bridge.config.Secret;
import com.zoomoverlay.bridge.http.reply.HttpErrorsConfiguration;
import com.zoomoverlay.bridge.http.reply.HttpReplies;
import com.zoomoverlay.bridge.http.security.AdminAuth;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code pages-console} ({@code GET /}, admin: a browser gets a Basic login prompt) and
 * {@code pages-overlay} ({@code GET /overlay}, open unless {@code OVERLAY_TOKEN} is set, then
 * {@code ?token=} must match). The pages are static HTML; their scripts read everything else live.
 */
final class PageRoutes extends RouteBuilder {

    static final String HTML = "text/html; charset=utf-8";

    private final Page console;
    private final Page overlay;
    private final AdminAuth adminAuth;
    private final Optional<Secret> overlayToken;

    PageRoutes(Page console, Page overlay, AdminAuth adminAuth, Optional<Secret> overlayToken) {
        this.console = console;
        this.overlay = overlay;
        this.adminAuth = adminAuth;
        this.overlayToken = overlayToken;
    }

    @Override
    public void configure() {
        from("platform-http:/?httpMethodRestrict=GET,HEAD")
                .routeId("pages-console")
                .routeConfigurationId(HttpErrorsConfiguration.ID)
                .process(adminAuth)
                .process(exchange -> HttpReplies.reply(exchange, 200, HTML, console.html()));

        from("platform-http:/overlay?httpMethodRestrict=GET,HEAD")
                .routeId("pages-overlay")
                .routeConfigurationId(HttpErrorsConfiguration.ID)
                .process(this::overlay);
    }

    private void overlay(Exchange exchange) {
        if (overlayToken.isPresent() && !overlayToken.get().matches(exchange.getMessage().getHeader("token", String.class))) {
            HttpReplies.error(exchange, 401, "unauthorized", "This overlay needs its ?token= (OVERLAY_TOKEN).");
            return;
        }
        HttpReplies.reply(exchange, 200, HTML, overlay.html());
    }
}
