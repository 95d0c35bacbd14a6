package com.zoomoverlay.bridge.accept;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable accept path: one writer thread takes what the transports queued, routes each new event
 * through the engineers' routes (on the leader), and commits the events and the deliveries their routes
 * made in one transaction per batch (group commit). A batch is whatever queued while the previous one
 * committed, up to {@code maxBatch}: one event when it is quiet (no added latency), hundreds in a burst
 * (one commit for all). An event is acknowledged (its future completes) only after its batch committed.
 */
public final class EventIntake extends ServiceSupport {

    public static final String BEAN_NAME = "eventIntake";
    private static final Logger LOG = LoggerFactory.getLogger(EventIntake.class);

    private final BlockingQueue<Pending> queue;
    private final int sharedLimit;
    private final int maxBatch;
    private final BatchCommitter committer;
    private final BooleanSupplier routingEnabled;
    private final Clock clock;
    private final StreamWatch watch;
    private final IntakeMetrics metrics;
    private volatile Thread writer;
    private volatile boolean accepting;

    EventIntake(int queueLimit, int websocketWindow, int maxBatch, BatchCommitter committer, BooleanSupplier routingEnabled, Clock clock,
            StreamWatch watch, IntakeMetrics metrics) {
        this.queue = new ArrayBlockingQueue<>(queueLimit);
        // The WebSocket consumer never has more than its window on the way, so it always finds room;
        // the other transports share the rest and are told to come back when it is used up.
        this.sharedLimit = queueLimit - websocketWindow;
        this.maxBatch = maxBatch;
        this.committer = committer;
        this.routingEnabled = routingEnabled;
        this.clock = clock;
        this.watch = watch;
        this.metrics = metrics;
    }

    /**
     * Queues an event; the future completes once it is stored (or found to be a repeat). Never blocks:
     * when the queue is full the future fails at once with {@link IntakeFullException}, and the
     * transport pushes back (the WebSocket pauses reading, a webhook is answered 503).
     */
    public CompletableFuture<Acceptance> submit(IncomingEvent event) {
        CompletableFuture<Acceptance> done = new CompletableFuture<>();
        if (!accepting) {
            done.completeExceptionally(new IntakeFullException("the intake is not running"));
        } else if ((!"websocket".equals(event.transport()) && queue.size() >= sharedLimit)
                || !queue.offer(new Pending(event, done, clock.instant()))) {
            metrics.rejected("queue_full");
            done.completeExceptionally(new IntakeFullException("the intake queue is full (" + queue.size() + " events)"));
        } else {
            watch.queued();
        }
        return done;
    }

    public int queued() {
        return queue.size();
    }

    @Override
    protected void doStart() {
        accepting = true;
        Thread thread = new Thread(this::run, "bridge-intake");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    /** Stops taking events, commits what is queued, then ends the writer. */
    @Override
    protected void doStop() throws InterruptedException {
        accepting = false;
        Thread thread = writer;
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(15));
            if (thread.isAlive()) {
                LOG.warn("intake did not finish within 15 s queued={}", queue.size());
                thread.interrupt();
            }
        }
        for (Pending left; (left = queue.poll()) != null; ) {
            left.done().completeExceptionally(new IntakeFullException("the bridge is stopping"));
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (accepting || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                long started = System.nanoTime();
                committer.commit(batch, routingEnabled.getAsBoolean());
                metrics.batch(batch.size(), Duration.ofNanos(System.nanoTime() - started));
                watch.committed(batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failAll(batch, e);
                return;
            } catch (RuntimeException | Error e) {
                // A bug, not bad input (the committer handles those): keep the stream alive and say so.
                LOG.error("intake batch failed size={} error={}", batch.size(), e.getClass().getSimpleName(), e);
                failAll(batch, e);
            } finally {
                batch.clear();
            }
        }
    }

    private static void failAll(List<Pending> batch, Throwable cause) {
        for (Pending p : batch) {
            p.done().completeExceptionally(cause);
        }
    }

    /** An event waiting in the queue, with the future its transport waits on. */
    record Pending(IncomingEvent event, CompletableFuture<Acceptance> done, java.time.Instant queuedAt) {
    }
}
