package com.zoomoverlay.bridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.zoomoverlay.bridge.delivery.targets.SendResult;
import com.zoomoverlay.bridge.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One lane on its own, against an in-memory stand-in for the outbox table: what it sends, in which
 * order, and when it reads the store. A lane that overflowed its memory bound must come back to the
 * live path once it has caught up, even while events keep committing during each of its store reads;
 * otherwise every later event waits for a store read (the steady-state p99 the live benchmark showed).
 */
class LaneTest {

    private static final int MEMORY = 10;

    private final Vertx vertx = Vertx.vertx();
    private final MutableClock clock = MutableClock.atNow();
    /** The pending rows of the target, by id: what the outbox table holds. */
    private final NavigableMap<Long, LaneItem> table = new ConcurrentSkipListMap<>();
    private final List<Long> sent = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicInteger commitsDuringReads = new AtomicInteger();
    private final ProgressWriter progress = new ProgressWriter(this::applyProgress);
    private volatile int commitDuringEachRead;
    private Lane lane;

    @AfterEach
    void stop() {
        progress.stop();
        vertx.close();
    }

    private Lane start() {
        DeliveryTarget target = new DeliveryTarget("t", "webhook", Duration.ofHours(24), 1, delivery -> {
            sent.add(Long.parseLong(delivery.deliveryId()));
            return CompletableFuture.completedFuture(SendResult.delivered());
        });
        LaneStore store = (name, after, limit) -> {
            progress.flush();
            List<LaneItem> read = new ArrayList<>();
            for (LaneItem item : table.tailMap(after, false).values()) {
                if (read.size() == limit) {
                    break;
                }
                read.add(copy(item));
            }
            // An event commits after the read took its snapshot: the read cannot have seen it.
            if (commitsDuringReads.getAndIncrement() < commitDuringEachRead) {
                commit(1);
            }
            return read;
        };
        progress.start();
        lane = new Lane(target, vertx, store, progress, new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20)), clock,
                new DeliveryMetrics(new SimpleMeterRegistry(), () -> 0, 1_000_000), MEMORY, Duration.ofMillis(20));
        lane.start(0);
        return lane;
    }

    /** Writes {@code n} rows with rising ids, then tells the lane, as the batch committer does. */
    private synchronized void commit(int n) {
        List<LaneItem> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = nextId.incrementAndGet();
            LaneItem item = new LaneItem(id, Long.toString(id), "meeting.chat_message_sent", id, "{}", 0, clock.instant(),
                    clock.instant(), null);
            table.put(id, item);
            batch.add(copy(item));
        }
        lane.committed(batch);
    }

    private void applyProgress(List<Progress> batch) {
        for (Progress p : batch) {
            if (p.kind() == Progress.Kind.DONE_UP_TO) {
                table.headMap(p.id(), true).clear();
            }
        }
    }

    private static LaneItem copy(LaneItem item) {
        return new LaneItem(item.id, item.deliveryId, item.eventType, item.eventTs, item.body, item.attempts, item.createdAt,
                item.enqueuedAt, item.firstAttemptAt);
    }

    private void awaitSent(long count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() >= count && lane.pending() == 0);
        assertThat(sent).as("every delivery once, in id order").hasSize((int) count);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(sent.get(i)).as("delivery #" + i).isEqualTo(i + 1L);
        }
    }

    @Test
    void a_lane_that_overflowed_is_live_again_once_caught_up_although_events_commit_during_its_reads() {
        commitDuringEachRead = 50;
        start();
        commit(4 * MEMORY); // over the memory bound: the rest waits in the store
        await().atMost(Duration.ofSeconds(20)).until(() -> lane.pending() == 0 && !lane.readingStore());
        int committedDuringReads = Math.min(commitsDuringReads.get(), commitDuringEachRead);
        awaitSent(4 * MEMORY + committedDuringReads);

        long readsWhenCaughtUp = lane.storeReads();
        for (int i = 0; i < 3 * MEMORY; i++) {
            commit(1);
        }
        awaitSent(7L * MEMORY + committedDuringReads);
        assertThat(lane.storeReads()).as("store reads for events committed after the lane caught up")
                .isEqualTo(readsWhenCaughtUp);
        assertThat(commitsDuringReads.get()).as("reads in all").isLessThan(commitDuringEachRead);
    }

    @Test
    void a_commit_heard_after_a_store_read_returned_it_is_not_sent_twice() {
        start();
        await().atMost(Duration.ofSeconds(20)).until(() -> lane.storeReads() == 1 && lane.pending() == 0);
        awaitSent(0);
        // Rows the lane has not heard of yet (their commit notice is slow) ...
        List<LaneItem> late = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < 3; i++) {
                long id = nextId.incrementAndGet();
                LaneItem item = new LaneItem(id, Long.toString(id), "meeting.chat_message_sent", id, "{}", 0, clock.instant(),
                        clock.instant(), null);
                table.put(id, item);
                late.add(copy(item));
            }
        }
        // ... are read back after a restart of the lane, sent, and only then is their commit heard.
        lane.start(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() == 3);
        lane.committed(late);
        commit(1);
        awaitSent(4);
    }
}
