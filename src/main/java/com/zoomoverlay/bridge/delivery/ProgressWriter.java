package com.zoomoverlay.bridge.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
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
    /** Attempts and dead letters, one entry each, in the order the lanes reported them. */
    private final LinkedBlockingQueue<Progress> queue = new LinkedBlockingQueue<>();
    /**
     * Each target's latest watermark, coalesced: a lane reports one after nearly every delivery, and only the
     * highest matters.
     */
    private final ConcurrentHashMap<String, Long> watermarks = new ConcurrentHashMap<>();
    /** A permit while reports wait: wakes the writer thread, which takes the reports themselves under {@code writing}. */
    private final Semaphore arrived = new Semaphore(0);
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
        if (progress.kind() != Progress.Kind.DONE_UP_TO) {
            queue.add(progress);
        } else {
            watermarks.merge(progress.target(), progress.id(), Math::max);
        }
        // One permit is enough to wake the writer (it takes everything there is); not one per report, which
        // would pile up while a write waits out a store outage. A wake missed by the race is the 200 ms poll's.
        if (arrived.availablePermits() == 0) {
            arrived.release();
        }
    }

    /**
     * The next batch: the watermarks first, then the queue. A lane reports a dead letter before the
     * watermark that passes it, so a watermark taken here never passes a dead letter still outside the batch
     * (its range delete would remove the row instead of marking it dead) as long as the batch takes the whole
     * queue. When the queue holds more than one batch, the watermarks go back and wait for a later one.
     */
    private List<Progress> takeBatch() {
        Map<String, Long> upTo = new LinkedHashMap<>();
        for (String target : watermarks.keySet()) {
            Long id = watermarks.remove(target);
            if (id != null) {
                upTo.put(target, id);
            }
        }
        List<Progress> batch = new ArrayList<>();
        queue.drainTo(batch, MAX_BATCH);
        if (queue.isEmpty()) {
            upTo.forEach((target, id) -> batch.add(Progress.doneUpTo(target, id)));
        } else {
            upTo.forEach((target, id) -> watermarks.merge(target, id, Math::max));
        }
        return batch;
    }

    /** Writes everything reported so far; returns when it is in the store. */
    void flush() {
        synchronized (writing) {
            while (!queue.isEmpty() || !watermarks.isEmpty()) {
                write(takeBatch());
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

    /**
     * Nothing is taken from the queue outside {@code writing}: a report held here while a {@link #flush} (an
     * admin listing the dead letters) wrote a later watermark would let that watermark's range delete remove a
     * row the report was about to mark dead, losing the dead letter (seen in GraphicsOutageTest).
     */
    private void run() {
        while (running) {
            try {
                if (queue.isEmpty() && watermarks.isEmpty() && !arrived.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                // Let more outcomes gather: one commit per LINGER instead of one per delivery. A crash within
                // it only means those deliveries are sent again (same webhook-id).
                Thread.sleep(LINGER_MILLIS);
                synchronized (writing) {
                    arrived.drainPermits();
                    write(takeBatch());
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
