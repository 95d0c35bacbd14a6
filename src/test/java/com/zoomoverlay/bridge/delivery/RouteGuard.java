package com.zoomoverlay.bridge.delivery;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** A route step that fails for events naming {@code Poison} while armed, and hangs on {@code Stuck}: routes with bugs, for the tests. */
final class RouteGuard implements Processor {

    static final String BEAN_NAME = "routeGuard";

    final AtomicBoolean armed = new AtomicBoolean(true);
    /** An event naming {@code Stuck} waits here until the test counts it down: a route that hangs. */
    final java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
    /** Counted down once an event naming {@code Stuck} is hanging in the route. */
    final java.util.concurrent.CountDownLatch hanging = new java.util.concurrent.CountDownLatch(1);
    final AtomicInteger refused = new AtomicInteger();

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        if (exchange.getMessage().getBody(String.class).contains("Stuck")) {
            hanging.countDown();
            stuck.await();
        }
        if (armed.get() && exchange.getMessage().getBody(String.class).contains("Poison")) {
            refused.incrementAndGet();
            throw new IllegalStateException("route step refused the event");
        }
    }
}
