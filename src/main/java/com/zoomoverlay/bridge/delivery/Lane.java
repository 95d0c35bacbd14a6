package com.zoomoverlay.bridge.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import com.zoomoverlay.bridge.delivery.targets.OutgoingDelivery;
import com.zoomoverlay.bridge.delivery.targets.SendResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target's queue, owned by one Vert.x context (single writer: no locks). Committed deliveries are
 * handed over in commit order and sent at once: at most {@code max-in-flight} are outstanding, and a
 * delivery never goes before one more than that many places ahead of it (1 = strict order, and nothing
 * overtakes a delivery being retried). The store is read only when the lane starts, after a replay,
 * or when more is pending than the lane keeps in memory.
 */
final class Lane {

    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);

    private final DeliveryTarget target;
    private final Vertx vertx;
    private final Context context;
    private final LaneStore store;
    private final ProgressWriter progress;
    private final RetryPolicy policy;
    private final Clock clock;
    private final DeliveryMetrics metrics;
    private final int memoryLimit;
    private final Duration retryCheck;
    private final AtomicLong pending = new AtomicLong();

    // Everything below belongs to the context.
    private final ArrayDeque<Slot> queue = new ArrayDeque<>();
    private final Map<Long, Slot> inQueue = new HashMap<>();
    private boolean running;
    private volatile boolean overflow;
    private boolean loading;
    /** Bumped by {@link #start}: a store read begun before it is stale when it completes. */
    private int generation;
    /**
     * What committed while a store read was out: the read may not have seen it, and {@link #committed} does
     * not queue it in overflow. Kept (up to the memory bound) so the lane can leave overflow when the read
     * comes back short, instead of reading the store again for every event under a steady stream.
     */
    private final List<LaneItem> arrivedWhileLoading = new java.util.ArrayList<>();
    private boolean arrivalsDropped;
    private long lastQueuedId;
    /** Every pending row of this target up to here is finished (reported to the store). */
    private long reportedUpTo;
    private int inFlight;
    private volatile long reads;
    private volatile int retrying;
    private volatile String lastError;
    private volatile Instant lastDeliveredAt;
    private final AtomicLong delivered = new AtomicLong();

    Lane(DeliveryTarget target, Vertx vertx, LaneStore store, ProgressWriter progress, RetryPolicy policy, Clock clock,
            DeliveryMetrics metrics, int memoryLimit, Duration retryCheck) {
        this.target = target;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.store = store;
        this.progress = progress;
        this.policy = policy;
        this.clock = clock;
        this.metrics = metrics;
        this.memoryLimit = memoryLimit;
        this.retryCheck = retryCheck;
    }

    String name() {
        return target.name();
    }

    /** Starts sending: what the store holds for this target first, in order. */
    void start(long pendingInStore) {
        pending.set(pendingInStore);
        context.runOnContext(v -> {
            generation++;
            loading = false;
            arrivedWhileLoading.clear();
            running = true;
            overflow = true;
            lastQueuedId = 0;
            reportedUpTo = 0;
            pump();
        });
    }

    /** Stops sending (leadership lost, shutdown); what is outstanding stays in the store. */
    void stop() {
        context.runOnContext(v -> {
            running = false;
            queue.removeIf(s -> !s.inFlight);
            inQueue.values().removeIf(s -> !s.inFlight);
            retrying = 0;
        });
    }

    /** Deliveries that just committed, in commit order. */
    void committed(List<LaneItem> items) {
        pending.addAndGet(items.size());
        context.runOnContext(v -> {
            for (LaneItem item : items) {
                if (!overflow && item.id <= lastQueuedId) {
                    pending.decrementAndGet(); // read back from the store already (counted there), see add()
                } else if (!overflow && queue.size() < memoryLimit) {
                    add(item);
                } else if (!overflow) {
                    overflow = true; // the rest waits in the store and is read back in order
                    LOG.info("delivery lane over its memory bound target={} kept={} (reading the rest from the store)",
                            target.name(), memoryLimit);
                } else if (loading) {
                    keepWhileLoading(item);
                }
            }
            pump();
        });
    }

    long pending() {
        return Math.max(0, pending.get());
    }

    /** Deliveries waiting for their next attempt after a failure. */
    int retrying() {
        return retrying;
    }

    long delivered() {
        return delivered.get();
    }

    String lastError() {
        return lastError;
    }

    Instant lastDeliveredAt() {
        return lastDeliveredAt;
    }

    private void keepWhileLoading(LaneItem item) {
        if (arrivalsDropped) {
            return;
        }
        if (arrivedWhileLoading.size() >= memoryLimit) {
            arrivalsDropped = true; // more than the lane keeps: the next read picks them up from the store
            arrivedWhileLoading.clear();
        } else {
            arrivedWhileLoading.add(item);
        }
    }

    private void add(LaneItem item) {
        // Ids rise in commit order (DeliveryWriter.appendOrder): one at or below the last queued was queued
        // already, and may even be delivered (its commit was heard after a store read returned it).
        if (item.id <= lastQueuedId || inQueue.containsKey(item.id)) {
            return;
        }
        Slot slot = new Slot(item);
        queue.addLast(slot);
        inQueue.put(item.id, slot);
        lastQueuedId = Math.max(lastQueuedId, item.id);
    }

    /** Sends what the window allows now; expires what is too old. */
    private void pump() {
        if (!running) {
            return;
        }
        Instant now = clock.instant();
        Iterator<Slot> window = queue.iterator();
        int seen = 0;
        while (window.hasNext() && seen < target.maxInFlight()) {
            Slot slot = window.next();
            if (slot.inFlight) {
                seen++;
                continue;
            }
            if (!now.isBefore(slot.item.enqueuedAt.plus(target.maxAge()))) {
                window.remove();
                if (slot.dueAt != null) {
                    retrying--;
                }
                inQueue.remove(slot.item.id);
                finish(slot.item, Progress.dead(slot.item, now, "expired", "older than max-age " + target.maxAge()));
                metrics.deadLettered(target.name(), slot.item.eventType, "expired");
                LOG.warn("delivery dead-lettered target={} deliveryId={} reason=expired attempts={} maxAge={}",
                        target.name(), slot.item.deliveryId, slot.item.attempts, target.maxAge());
                continue;
            }
            seen++;
            if (slot.dueAt != null && now.isBefore(slot.dueAt)) {
                armRetryTimer(Duration.between(now, slot.dueAt));
                continue;
            }
            send(slot, now);
        }
        if (overflow && !loading && queue.size() <= memoryLimit / 2) {
            loadMore();
        }
    }

    private void send(Slot slot, Instant now) {
        LaneItem item = slot.item;
        slot.inFlight = true;
        if (slot.dueAt != null) {
            retrying--;
            slot.dueAt = null;
        }
        inFlight++;
        metrics.inFlight(target.name()).incrementAndGet();
        if (item.firstAttemptAt == null) {
            item.firstAttemptAt = now;
            metrics.waited(target.name(), Duration.between(item.enqueuedAt, now));
        }
        item.attempts++;
        long requested = System.nanoTime();
        CompletionStage<SendResult> sent;
        try {
            sent = target.sender().send(new OutgoingDelivery(item.deliveryId, target.name(), item.eventType, item.eventTs,
                    item.body, item.attempts));
        } catch (RuntimeException e) {
            sent = java.util.concurrent.CompletableFuture.completedFuture(
                    SendResult.retry("sender failed: " + e.getClass().getSimpleName()));
        }
        sent.whenComplete((result, error) -> {
            metrics.answered(target.name(), System.nanoTime() - requested);
            onContext(() -> done(slot, result != null ? result
                    : SendResult.retry("sender failed: " + error.getClass().getSimpleName())));
        });
    }

    private void done(Slot slot, SendResult result) {
        inFlight--;
        metrics.inFlight(target.name()).decrementAndGet();
        slot.inFlight = false;
        LaneItem item = slot.item;
        Instant now = clock.instant();
        switch (result.outcome()) {
            case DELIVERED -> {
                removeSlot(slot);
                lastError = null;
                lastDeliveredAt = now;
                delivered.incrementAndGet();
                finish(item, null);
                metrics.delivered(target.name(), item.eventType, item.eventTs, now);
            }
            case REJECTED -> {
                removeSlot(slot);
                lastError = result.error();
                finish(item, Progress.dead(item, now, "rejected", result.error()));
                metrics.deadLettered(target.name(), item.eventType, "rejected");
                LOG.warn("delivery dead-lettered target={} deliveryId={} reason=rejected attempts={} error=\"{}\"",
                        target.name(), item.deliveryId, item.attempts, result.error());
            }
            case RETRY -> {
                lastError = result.error();
                Instant next = now.plus(policy.delayAfter(item.attempts, result.retryAfter()));
                Instant expires = item.enqueuedAt.plus(target.maxAge());
                slot.dueAt = next.isAfter(expires) ? expires : next;
                retrying++;
                progress.add(Progress.retry(item, result.error()));
                metrics.retried(target.name(), item.eventType);
                LOG.info("delivery failed target={} deliveryId={} attempt={} error=\"{}\" nextAttemptAt={}",
                        target.name(), item.deliveryId, item.attempts, result.error(), slot.dueAt);
            }
            default -> throw new IllegalStateException();
        }
        pump();
    }

    /** Dead letters are recorded one by one; delivered rows only move the watermark. */
    private void finish(LaneItem item, Progress outcome) {
        pending.decrementAndGet();
        if (outcome != null) {
            progress.add(outcome);
        }
        long upTo = queue.isEmpty() ? lastQueuedId : queue.peekFirst().item.id - 1;
        if (upTo > reportedUpTo) {
            reportedUpTo = upTo;
            progress.add(Progress.doneUpTo(target.name(), upTo));
        }
    }

    private void removeSlot(Slot slot) {
        queue.remove(slot);
        inQueue.remove(slot.item.id);
    }

    private void armRetryTimer(Duration wait) {
        long millis = Math.max(1, Math.min(wait.toMillis(), retryCheck.toMillis()));
        vertx.setTimer(millis, id -> pump());
    }

    /** Reads the next chunk of this target's pending deliveries from the store, off the event loop. */
    private void loadMore() {
        loading = true;
        arrivedWhileLoading.clear();
        arrivalsDropped = false;
        int started = generation;
        long after = lastQueuedId;
        int chunk = Math.max(1, memoryLimit / 2);
        reads++;
        vertx.executeBlocking(() -> store.pendingAfter(target.name(), after, chunk), false)
                .onComplete(ar -> {
                    if (started != generation) {
                        return; // restarted meanwhile: that start reads the store afresh
                    }
                    loading = false;
                    if (ar.failed()) {
                        arrivedWhileLoading.clear();
                        LOG.warn("delivery lane cannot read the store target={} error={}", target.name(),
                                ar.cause().getClass().getSimpleName());
                        vertx.setTimer(Math.max(100, retryCheck.toMillis()), id -> pump());
                        return;
                    }
                    List<LaneItem> items = ar.result();
                    for (LaneItem item : items) {
                        add(item);
                    }
                    if (items.size() < chunk) {
                        catchUp();
                    }
                    arrivedWhileLoading.clear();
                    pump();
                });
    }

    /**
     * The read came back short: the store held nothing more when it was read. The committer writes one
     * batch at a time with rising ids, so what committed after the read is exactly what arrived meanwhile
     * with a higher id than the read returned (a lower one was in the read, or queued before it). When
     * that fits in memory, the lane is live again: the next commit goes straight into the queue.
     */
    private void catchUp() {
        if (arrivalsDropped || queue.size() + arrivedWhileLoading.size() > memoryLimit) {
            return;
        }
        arrivedWhileLoading.forEach(this::add); // add() skips those the read returned
        overflow = false;
        LOG.info("delivery lane caught up target={} queued={} (new deliveries go straight to the lane again)",
                target.name(), queue.size());
    }

    /** True while more is pending than the lane holds: it reads the store instead of hearing commits. */
    boolean readingStore() {
        return overflow;
    }

    /** Store reads so far (a lane in the steady state reads none). */
    long storeReads() {
        return reads;
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /** A queued delivery and where it is: waiting to be sent, on the wire, or due again at {@code dueAt}. */
    private static final class Slot {
        final LaneItem item;
        boolean inFlight;
        Instant dueAt;

        Slot(LaneItem item) {
            this.item = item;
        }
    }
}
