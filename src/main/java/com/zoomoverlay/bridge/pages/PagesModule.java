package com.zoomoverlay.bridge.pages;

import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.http.HttpModule;
import com.zoomoverlay.bridge.http.security.AdminAuth;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import io.vertx.ext.web.handler.StaticHandler;
import org.apache.camel.CamelContext;

/**
 * The two pages people look at: the console ({@code GET /}, admin) and the overlay browser source
 * ({@code GET /overlay}), plus their scripts and styles under {@code /assets/}. Everything is served
 * by the bridge itself, so the pages work under {@code Content-Security-Policy: default-src 'self'}.
 */
public final class PagesModule implements BridgeModule {

    /** Classpath folder of the pages' scripts and styles, served at {@link #ASSETS_PATH}. */
    static final String ASSETS_ROOT = "pages/assets";
    public static final String ASSETS_PATH = "/assets/";
    /** Assets are revalidated after a minute, so a browser source picks up an upgraded bridge quickly. */
    static final long ASSETS_MAX_AGE_SECONDS = 60;

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        camel.addRoutes(new PageRoutes(
                Page.load("pages/console.html"),
                Page.load("pages/overlay.html"),
                AdminAuth.of(camel),
                settings.security().overlayToken()));
        // Vert.x's StaticHandler gives content types, HEAD, Last-Modified/304 and path-traversal safety.
        HttpModule.onRouterReady(camel, router -> router.get(ASSETS_PATH + "*").handler(StaticHandler.create(ASSETS_ROOT)
                .setCachingEnabled(true)
                .setMaxAgeSeconds(ASSETS_MAX_AGE_SECONDS)
                .setDirectoryListing(false)
                .setIncludeHidden(false)
                .setDefaultContentEncoding("UTF-8")));
    }
}
