package com.zoomoverlay.bridge.overlay;

import com.zoomoverlay.bridge.accept.AcceptModule;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.http.HttpModule;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.wiring.BridgeClock;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import org.apache.camel.CamelContext;

/** The overlay feed: {@code WS /overlay/events} and the {@code direct:overlay-broadcast} building block. */
public final class OverlayModule implements BridgeModule {

    public static final String BEAN_NAME = "overlayFeed";

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        OverlayLimits limits = OverlayLimits.load(key -> camel.getPropertiesComponent().resolveProperty(key));
        OverlayFeed feed = new OverlayFeed(settings.security().overlayToken(), limits, BridgeClock.of(camel),
                MetricsModule.registry(camel));
        camel.getRegistry().bind(BEAN_NAME, feed);
        HttpModule.onRouterReady(camel, router -> router.get(OverlayFeed.PATH).handler(feed::handle));
        feed.watch(HttpModule.vertx(camel));
        // The frames the routes made for an event go out once its batch has committed, in stream order.
        AcceptModule.onCommit(camel, feed::publish);
        camel.addRoutes(new OverlayRoutes(feed));
        camel.addRoutes(new LowerThirdRoutes());
    }
}
