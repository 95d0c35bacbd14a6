package com.zoomoverlay.bridge.delivery;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** A route step that fails for events naming {@code Poison} while armed: a route with a bug, for the tests. */
final class RouteGuard implements Processor {

    static final String BEAN_NAME = "routeGuard";

    final AtomicBoolean armed = new AtomicBoolean(true);
    final AtomicInteger refused = new AtomicInteger();

    @Override
    public void process(Exchange exchange) {
        if (armed.get() && exchange.getMessage().getBody(String.class).contains("Poison")) {
            refused.incrementAndGet();
            throw new IllegalStateException("route step refused the event");
        }
    }
}
