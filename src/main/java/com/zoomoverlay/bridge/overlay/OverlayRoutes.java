package com.zoomoverlay.bridge.overlay;

import java.util.Collection;
import java.util.Map;

import com.zoomoverlay.bridge.events.Endpoints;
import com.zoomoverlay.bridge.http.HttpReplies;
import org.apache.camel.builder.RouteBuilder;

/** {@code direct:overlay-broadcast}: the body (a JSON string, or a Map/List a route built) to every overlay client. */
public final class OverlayRoutes extends RouteBuilder {

    private final OverlayFeed feed;

    public OverlayRoutes(OverlayFeed feed) {
        this.feed = feed;
    }

    @Override
    public void configure() {
        from(Endpoints.OVERLAY_BROADCAST).routeId("overlay-broadcast")
                .process(exchange -> {
                    Object body = exchange.getMessage().getBody();
                    feed.broadcast(body instanceof Map || body instanceof Collection
                            ? HttpReplies.JSON.writeValueAsString(body)
                            : exchange.getMessage().getBody(String.class));
                });
    }
}
