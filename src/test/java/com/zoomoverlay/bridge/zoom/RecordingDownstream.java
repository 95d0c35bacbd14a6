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

    @Override
    public void process(Exchange exchange) {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            failures.incrementAndGet();
            throw new IllegalStateException("downstream unavailable (test)");
        }
        bodies.add(exchange.getMessage().getBody(String.class));
        headers.add(Map.copyOf(exchange.getMessage().getHeaders()));
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
