package com.zoomoverlay.bridge.zoomhook;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** What {@code direct:zoom-events} received (through the test route zoom/recording-events.camel.yaml); can hold the stream. */
final class Downstream implements Processor {

    static final String BEAN_NAME = "zoomEventsRecorder";

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> headers = new CopyOnWriteArrayList<>();
    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
    private final CountDownLatch holding = new CountDownLatch(1);

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        CountDownLatch latch = hold.get();
        if (latch != null) {
            holding.countDown();
            latch.await(30, TimeUnit.SECONDS);
        }
        bodies.add(exchange.getMessage().getBody(String.class));
        headers.add(Map.copyOf(exchange.getMessage().getHeaders()));
    }

    /** Makes the next routes wait (the intake's one thread with them) until {@link #release}. */
    void hold() {
        hold.set(new CountDownLatch(1));
    }

    /** Whether a route is waiting in {@link #hold}. */
    boolean isHolding() {
        return holding.getCount() == 0;
    }

    void release() {
        CountDownLatch latch = hold.getAndSet(null);
        if (latch != null) {
            latch.countDown();
        }
    }

    List<String> bodies() {
        return bodies;
    }

    List<Map<String, Object>> headers() {
        return headers;
    }
}
