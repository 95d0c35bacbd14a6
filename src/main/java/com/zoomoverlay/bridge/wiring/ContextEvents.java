package com.zoomoverlay.bridge.wiring;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;

/**
 * Work tied to a moment of the context's life rather than to a route or a service: attach HTTP handlers
 * once the router exists (routes starting), lead when standalone (started), commit the intake's queue while
 * the routes still run (stopping), close a Vert.x whose event loops everything used (stopped).
 */
public final class ContextEvents {

    /** What to do at that moment; it may throw (Camel logs it and goes on). */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private ContextEvents() {
    }

    /** Runs {@code action} each time {@code camel} emits an event of {@code type}. Call before the context starts. */
    public static void on(CamelContext camel, Class<? extends CamelEvent> type, Action action) {
        camel.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return type.isInstance(event);
            }

            @Override
            public void notify(CamelEvent event) throws Exception {
                action.run();
            }
        });
    }
}
