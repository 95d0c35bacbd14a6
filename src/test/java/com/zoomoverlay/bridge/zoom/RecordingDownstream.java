package com.zoomoverlay.bridge.zoom;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** What {@code direct:zoom-events} received in a test (via a test YAML route), and a switch to make it fail. */
final class RecordingDownstream implements Processor {

    static final String BEAN_NAME = "zoomEventsRecorder";

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> headers = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    /** While set, each event waits here (the intake thread with it) until {@link #release}. */
    private volatile java.util.concurrent.CountDownLatch gate;
    private volatile boolean holding;

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        java.util.concurrent.CountDownLatch closed = gate;
        if (closed != null) {
            holding = true;
            closed.await(60, java.util.concurrent.TimeUnit.SECONDS);
            holding = false;
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            failures.incrementAndGet();
            throw new IllegalStateException("downstream unavailable (test)");
        }
        bodies.add(exchange.getMessage().getBody(String.class));
        headers.add(Map.copyOf(exchange.getMessage().getHeaders()));
    }

    /** From the next event on, the route waits (as a downstream step that hangs would) until {@link #release}. */
    void hold() {
        gate = new java.util.concurrent.CountDownLatch(1);
    }

    /** An event is waiting in {@link #hold}. */
    boolean holding() {
        return holding;
    }

    void release() {
        java.util.concurrent.CountDownLatch closed = gate;
        gate = null;
        if (closed != null) {
            closed.countDown();
        }
    }

    void failNext(int times) {
        failNext.set(times);
    }

    int failures() {
        return failures.get();
    }

    List<String> bodies() {
        return bodies;
    }

    List<Map<String, Object>> headers() {
        return headers;
    }
}
