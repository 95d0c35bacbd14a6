package com.zoomoverlay.bridge.zoom;

import org.apache.camel.builder.RouteBuilder;

/**
 * TEMPORARY, delete at merge: stands in for the delivery concern's {@code direct:zoom-accept}
 * (durable outbox, then {@code direct:zoom-events}) until that work is on main. Passes events straight on.
 */
public final class ZoomAcceptPassThroughRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(ZoomRoutes.ACCEPT_ENDPOINT)
                .routeId("zoom-accept-passthrough")
                .to("direct:zoom-events");
    }
}
