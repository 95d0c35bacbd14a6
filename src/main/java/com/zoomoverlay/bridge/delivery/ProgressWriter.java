package com.zoomoverlay.bridge.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists what the lanes did (delivered rows deleted, attempts counted, dead letters marked) in
 * batches on its own thread, so a lane never waits for the store. A crash before a batch is written
 * means a delivered event may be sent again after the restart, with the same {@code webhook-id}
 * (at-least-once); nothing is lost.
 */
final class ProgressWriter extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressWriter.class);
    private static final int MAX_BATCH = 1_000;
    private static final long LINGER_MILLIS = 20;

    private final Sink store;
    private final LinkedBlockingQueue<Progress> queue = new LinkedBlockingQueue<>();
    private final Object writing = new Object();
    private volatile boolean running;
    private Thread thread;

    /** Where batches go ({@link OutboxStore#apply} in the bridge). */
    @FunctionalInterface
    interface Sink {
        void apply(List<Progress> batch);
    }

    ProgressWriter(Sink store) {
        this.store = store;
    }

    void add(Progress progress) {
        queue.add(progress);
    }

    /** Writes everything reported so far; returns when it is in the store. */
    void flush() {
        synchronized (writing) {
            List<Progress> batch = new ArrayList<>();
            while (queue.drainTo(batch, MAX_BATCH) > 0) {
                write(batch);
                batch.clear();
            }
        }
    }

    @Override
    protected void doStart() {
        running = true;
        thread = new Thread(this::run, "bridge-delivery-progress");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(5_000);
        }
        flush();
    }

    private void run() {
        List<Progress> batch = new ArrayList<>();
        while (running) {
            try {
                Progress first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                // Let more outcomes gather: one commit per LINGER instead of one per delivery. A crash within
                // it only means those deliveries are sent again (same webhook-id).
                Thread.sleep(LINGER_MILLIS);
                synchronized (writing) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                    write(batch);
                    batch.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A failed write is put back in front (order matters little: each row is updated once per outcome). */
    private void write(List<Progress> batch) {
        while (true) {
            try {
                store.apply(batch);
                return;
            } catch (RuntimeException e) {
                LOG.warn("delivery progress not stored yet rows={} error=\"{}\" (retrying)", batch.size(), e.getMessage());
                if (!running) {
                    return;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
