package com.zoomoverlay.bridge.wiring;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;

/**
 * Work that must wait until the whole context has stopped: closing a Vert.x, for instance, whose event
 * loops the routes, the HTTP server and the delivery lanes still use while they stop.
 */
public final class AfterStop {

    private AfterStop() {
    }

    /** Runs {@code action} once, when {@code camel} has stopped (after its routes and services). */
    public static void run(CamelContext camel, Runnable action) {
        camel.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppedEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                action.run();
            }
        });
    }
}
