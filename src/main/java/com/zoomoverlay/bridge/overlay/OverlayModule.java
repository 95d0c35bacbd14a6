package com.zoomoverlay.bridge.overlay;

import com.zoomoverlay.bridge.BridgeModule;
import com.zoomoverlay.bridge.accept.AcceptModule;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.config.InvalidSettingException;
import com.zoomoverlay.bridge.http.HttpModule;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import org.apache.camel.CamelContext;

/** The overlay feed: {@code WS /overlay/events} and the {@code direct:overlay-broadcast} building block. */
public final class OverlayModule implements BridgeModule {

    public static final String BEAN_NAME = "overlayFeed";

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        int maxClients = intProperty(camel, "bridge.overlay.max-clients", 200);
        int maxQueued = intProperty(camel, "bridge.overlay.max-queued-frames", 256);
        OverlayFeed feed = new OverlayFeed(settings.security().overlayToken(), maxClients, maxQueued,
                MetricsModule.registry(camel));
        camel.getRegistry().bind(BEAN_NAME, feed);
        HttpModule.onRouterReady(camel, router -> router.get(OverlayFeed.PATH).handler(feed::handle));
        // The frames the routes made for an event go out once its batch has committed, in stream order.
        AcceptModule.onCommit(camel, feed::publish);
        camel.addRoutes(new OverlayRoutes(feed));
        camel.addRoutes(new LowerThirdRoutes());
    }

    private static int intProperty(CamelContext camel, String key, int fallback) {
        String raw = camel.getPropertiesComponent().resolveProperty(key).map(String::trim).orElse("");
        try {
            int value = raw.isEmpty() ? fallback : Integer.parseInt(raw);
            if (value < 1) {
                throw new InvalidSettingException(key, "must be at least 1");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "must be a whole number");
        }
    }
}
