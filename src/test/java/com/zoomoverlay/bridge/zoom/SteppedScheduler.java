package com.zoomoverlay.bridge.zoom;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

import com.zoomoverlay.bridge.support.MutableClock;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Reconnect waits that come due only when the test moves the clock: {@link #fireNext} moves the
 * {@link MutableClock} to the earliest wait's due time and runs it on the supervisor's context. So a
 * test can play a 2-minute outage in clock time, attempt by attempt, against the real simulator.
 */
final class SteppedScheduler implements ReconnectScheduler {

    private record Task(long id, Instant due, Context context, Runnable run) {
    }

    private final MutableClock clock;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentSkipListSet<Task> pending = new ConcurrentSkipListSet<>(
            Comparator.comparing(Task::due).thenComparingLong(Task::id));
    private final AtomicLong fired = new AtomicLong();

    SteppedScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public long schedule(Vertx vertx, Duration delay, Runnable task) {
        long id = ids.incrementAndGet();
        pending.add(new Task(id, clock.instant().plus(delay), vertx.getOrCreateContext(), task));
        return id;
    }

    @Override
    public void cancel(Vertx vertx, long id) {
        pending.removeIf(t -> t.id() == id);
    }

    /** The due time of the earliest wait, if the supervisor is waiting. */
    Optional<Instant> nextDue() {
        Task first = pending.isEmpty() ? null : pending.first();
        return Optional.ofNullable(first).map(Task::due);
    }

    boolean waiting() {
        return !pending.isEmpty();
    }

    /** Moves the clock to the earliest wait's due time (never back) and runs it; the wait it was. */
    Duration fireNext() {
        Task task = pending.pollFirst();
        if (task == null) {
            throw new IllegalStateException("nothing is waiting");
        }
        Instant now = clock.instant();
        Duration moved = task.due().isAfter(now) ? Duration.between(now, task.due()) : Duration.ZERO;
        clock.advance(moved);
        fired.incrementAndGet();
        task.context().runOnContext(v -> task.run().run());
        return moved;
    }

    long fired() {
        return fired.get();
    }
}
