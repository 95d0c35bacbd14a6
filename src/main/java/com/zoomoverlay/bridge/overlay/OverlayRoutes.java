package com.zoomoverlay.bridge.overlay;

import java.util.Collection;
import java.util.Map;

import com.zoomoverlay.bridge.accept.RoutingStage;
import com.zoomoverlay.bridge.events.Endpoints;
import com.zoomoverlay.bridge.json.Json;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:overlay-broadcast}: the body (a JSON string, or a Map/List a route built) to every
 * overlay client. Inside the stream the frame waits for the event's batch to commit (the intake then
 * hands it to the feed), so a browser never shows an event the bridge has not stored.
 */
public final class OverlayRoutes extends RouteBuilder {

    private final OverlayFeed feed;

    public OverlayRoutes(OverlayFeed feed) {
        this.feed = feed;
    }

    @Override
    public void configure() {
        from(Endpoints.OVERLAY_BROADCAST).routeId("overlay-broadcast")
                .process(this::broadcast);
    }

    private void broadcast(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        String frame = body instanceof Map || body instanceof Collection
                ? Json.MAPPER.writeValueAsString(body)
                : exchange.getMessage().getBody(String.class);
        if (frame == null) {
            return;
        }
        var stage = RoutingStage.of(exchange);
        if (stage.isPresent()) {
            stage.get().addFrame(frame);
        } else {
            feed.broadcast(frame);
        }
    }
}
