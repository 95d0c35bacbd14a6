package com.zoomoverlay.bridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** What reaches the store from the lanes' reports: watermarks coalesced, every attempt and dead letter kept. */
class ProgressWriterTest {

    private final List<List<Progress>> batches = new CopyOnWriteArrayList<>();
    private final ProgressWriter writer = new ProgressWriter(batch -> batches.add(new ArrayList<>(batch)));

    private static LaneItem item(long id) {
        LaneItem item = new LaneItem(id, "msg_" + id, "meeting.started", id, "{}", 0, Instant.EPOCH, Instant.EPOCH, null);
        item.attempts = 3;
        return item;
    }

    private List<Progress> written() {
        List<Progress> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return all;
    }

    @Test
    void a_watermark_per_delivery_reaches_the_store_as_the_highest_one_beside_every_dead_letter_and_attempt() {
        writer.add(Progress.retry(item(2), "HTTP 503"));
        for (long id = 1; id <= 1_000; id++) {
            if (id == 500) {
                writer.add(Progress.dead(item(id), Instant.EPOCH, "rejected", "HTTP 400"));
            }
            writer.add(Progress.doneUpTo("a", id));
        }
        writer.add(Progress.doneUpTo("b", 7));
        writer.flush();

        List<Progress> all = written();
        assertThat(all).filteredOn(p -> p.kind() == Progress.Kind.DONE_UP_TO)
                .extracting(Progress::target, Progress::id).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("a", 1_000L), org.assertj.core.groups.Tuple.tuple("b", 7L));
        assertThat(all).filteredOn(p -> p.kind() != Progress.Kind.DONE_UP_TO)
                .extracting(Progress::kind, Progress::id).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Progress.Kind.RETRY, 2L),
                        org.assertj.core.groups.Tuple.tuple(Progress.Kind.DEAD, 500L));
    }

    @Test
    void the_writer_thread_writes_what_is_reported_without_a_flush() throws Exception {
        writer.start();
        try {
            writer.add(Progress.dead(item(4), Instant.EPOCH, "expired", "older than max-age"));
            writer.add(Progress.doneUpTo("a", 9));
            await().atMost(Duration.ofSeconds(10)).until(() -> written().size() == 2);
            assertThat(written()).extracting(Progress::kind).containsExactlyInAnyOrder(Progress.Kind.DEAD, Progress.Kind.DONE_UP_TO);
        } finally {
            writer.stop();
        }
    }

    @Test
    void a_flush_while_the_writer_thread_runs_never_writes_a_watermark_ahead_of_a_dead_letter_reported_before_it() {
        // An admin listing the dead letters flushes while the writer thread is gathering a batch: the flush must
        // not write a watermark whose range delete would remove a row a dead letter is still on its way to.
        writer.start();
        try {
            for (long id = 1; id <= 200; id++) {
                writer.add(Progress.dead(item(id), Instant.EPOCH, "expired", "older than max-age"));
                writer.add(Progress.doneUpTo("a", id));
                writer.flush();
                long deadline = id;
                assertThat(written()).as("a dead letter is written no later than the watermark past it")
                        .filteredOn(p -> p.id() == deadline).extracting(Progress::kind)
                        .startsWith(Progress.Kind.DEAD);
            }
        } finally {
            writer.stop();
        }
        assertThat(written()).filteredOn(p -> p.kind() == Progress.Kind.DEAD).hasSize(200);
    }

    @Test
    void a_watermark_is_never_written_before_a_dead_letter_reported_ahead_of_it_even_beyond_one_batch() {
        for (long id = 1; id <= 1_500; id++) {
            writer.add(Progress.retry(item(id), "HTTP 503"));
        }
        writer.add(Progress.dead(item(2_000), Instant.EPOCH, "rejected", "HTTP 400"));
        writer.add(Progress.doneUpTo("a", 2_000));
        writer.flush();

        int deadIn = -1;
        int watermarkIn = -1;
        for (int i = 0; i < batches.size(); i++) {
            for (Progress p : batches.get(i)) {
                if (p.kind() == Progress.Kind.DEAD) {
                    deadIn = i;
                } else if (p.kind() == Progress.Kind.DONE_UP_TO) {
                    watermarkIn = i;
                }
            }
        }
        assertThat(batches).as("more than one batch").hasSizeGreaterThan(1);
        assertThat(deadIn).as("batch of the dead letter").isNotNegative();
        assertThat(watermarkIn).as("batch of the watermark (a range delete would take the row still pending)")
                .isGreaterThanOrEqualTo(deadIn);
        assertThat(written()).filteredOn(p -> p.kind() == Progress.Kind.RETRY).hasSize(1_500);
    }
}
