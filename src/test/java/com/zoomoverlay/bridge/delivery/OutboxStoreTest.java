package com.zoomoverlay.bridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.zoomoverlay.bridge.accept.DeliveryWriter.WrittenDelivery;
import com.zoomoverlay.bridge.accept.StagedDelivery;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.store.Database;
import com.zoomoverlay.bridge.store.Jdbc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code delivery} table through {@link OutboxStore}, on the embedded store as the bridge opens it
 * ({@link Database}: H2 in PostgreSQL mode, every Flyway migration), without Camel or a bridge around it.
 */
class OutboxStoreTest {

    private static final Instant T0 = Instant.parse("2026-05-01T18:00:00Z");

    @TempDir
    Path dataDir;
    private Database database;
    private OutboxStore store;

    @BeforeEach
    void open() {
        database = Database.open(new BridgeSettings.Store(dataDir, Optional.empty(), Optional.empty(), Optional.empty()));
        database.start();
        store = new OutboxStore(database.jdbc());
    }

    @AfterEach
    void close() {
        database.stop();
    }

    @Test
    void written_deliveries_are_pending_per_target_in_write_order_and_a_repeat_in_one_batch_is_written_once() {
        List<WrittenDelivery> written = write(T0, pending("msg_a1", "a"), pending("msg_b1", "b"), pending("msg_a2", "a"),
                pending("msg_a1", "a"));

        assertThat(written).extracting(w -> w.row().deliveryId()).containsExactly("msg_a1", "msg_b1", "msg_a2");
        assertThat(written).extracting(WrittenDelivery::id).isSorted().doesNotHaveDuplicates();
        List<LaneItem> a = store.pending("a", 0, 10);
        assertThat(a).extracting(i -> i.deliveryId, i -> i.body, i -> i.attempts, i -> i.enqueuedAt, i -> i.firstAttemptAt)
                .containsExactly(tuple("msg_a1", body("msg_a1"), 0, T0, null), tuple("msg_a2", body("msg_a2"), 0, T0, null));
        assertThat(store.pending("a", a.get(0).id, 10)).extracting(i -> i.deliveryId).containsExactly("msg_a2");
        assertThat(store.pending("a", 0, 1)).extracting(i -> i.deliveryId).containsExactly("msg_a1");
        assertThat(store.pendingCounts()).isEqualTo(Map.of("a", 2L, "b", 1L));
        assertThat(store.deadCounts()).isEmpty();
    }

    @Test
    void a_delivery_of_the_event_itself_keeps_no_body_of_its_own_and_reads_the_events() {
        long seq = database.jdbc().inTransaction(tx -> tx.batchInsert("INSERT INTO accepted_event (event_ts, event_key, "
                + "event_id, event_type, transport, body, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?)", "seq",
                List.<Object[]>of(new Object[] {1L, 42L, "evt-1", "meeting.started", "websocket", "{\"the\":\"event\"}", T0})))[0];
        StagedDelivery sameAsEvent = new StagedDelivery("msg_e1", "evt-1", "a", "meeting.started", 1L, "{\"the\":\"event\"}",
                true, null, null, seq);
        long id = write(T0, sameAsEvent).get(0).id();

        assertThat(database.jdbc().query("SELECT body FROM delivery WHERE id = ?", rs -> rs.getString(1), id))
                .containsExactly((String) null);
        assertThat(store.pending("a", 0, 10)).extracting(i -> i.body).containsExactly("{\"the\":\"event\"}");
    }

    @Test
    void a_route_that_failed_is_written_straight_to_the_dead_letters() {
        write(T0, pending("msg_a1", "a"), pending("msg_a2", "a").asDead("routing_failed", "no such endpoint"));

        assertThat(store.pendingCounts()).isEqualTo(Map.of("a", 1L));
        assertThat(store.deadLetters(DeadLetterQuery.all(), 10))
                .extracting(DeadLetter::deliveryId, DeadLetter::reason, DeadLetter::lastError, DeadLetter::attempts,
                        DeadLetter::deadLetteredAt)
                .containsExactly(tuple("msg_a2", "routing_failed", "no such endpoint", 0, T0));
    }

    @Test
    void progress_counts_attempts_keeps_dead_letters_and_deletes_what_is_delivered_up_to_the_watermark() {
        write(T0, pending("msg_a1", "a"), pending("msg_a2", "a"), pending("msg_a3", "a"), pending("msg_a4", "a"),
                pending("msg_b1", "b"));
        List<LaneItem> a = store.pending("a", 0, 10);
        Instant sent = T0.plusSeconds(1);
        LaneItem rejected = attempted(a.get(1), sent);
        LaneItem retried = attempted(a.get(3), sent);

        // a1 and a3 delivered, a2 rejected, a4 waiting to be tried again; the watermark passes the dead letter
        store.apply(List.of(Progress.dead(rejected, sent, "rejected", "HTTP 400"), Progress.doneUpTo("a", a.get(2).id),
                Progress.retry(retried, "HTTP 503")));

        assertThat(store.pending("a", 0, 10)).extracting(i -> i.deliveryId, i -> i.attempts, i -> i.firstAttemptAt)
                .containsExactly(tuple("msg_a4", 1, sent));
        assertThat(store.deadLetters(DeadLetterQuery.all(), 10))
                .extracting(DeadLetter::deliveryId, DeadLetter::target, DeadLetter::reason, DeadLetter::lastError,
                        DeadLetter::attempts, DeadLetter::createdAt, DeadLetter::deadLetteredAt)
                .containsExactly(tuple("msg_a2", "a", "rejected", "HTTP 400", 1, T0, sent));
        assertThat(store.pendingCounts()).isEqualTo(Map.of("a", 1L, "b", 1L));
        assertThat(store.deadCounts()).isEqualTo(Map.of("a", 1L));
    }

    @Test
    void a_long_error_is_cut_to_what_the_column_holds() {
        write(T0, pending("msg_a1", "a"));
        LaneItem item = attempted(store.pending("a", 0, 10).get(0), T0);
        store.apply(List.of(Progress.dead(item, T0, "rejected", "x".repeat(2_000))));

        assertThat(store.deadLetters(DeadLetterQuery.all(), 10).get(0).lastError()).hasSize(500);
    }

    @Test
    void replay_puts_dead_letters_back_at_the_end_of_their_queue_with_the_same_webhook_id() {
        write(T0, pending("msg_a1", "a"), pending("msg_a2", "a"), pending("msg_a3", "a"), pending("msg_b1", "b"));
        List<LaneItem> a = store.pending("a", 0, 10);
        LaneItem b1 = attempted(store.pending("b", 0, 10).get(0), T0);
        store.apply(List.of(Progress.dead(attempted(a.get(1), T0), T0, "rejected", "HTTP 400"),
                Progress.dead(b1, T0, "expired", "older than max-age")));
        long deadA2 = store.deadLetters(new DeadLetterQuery(Optional.empty(), Optional.of("a"), Optional.empty()), 10)
                .get(0).id();
        Instant later = T0.plus(Duration.ofMinutes(5));

        List<OutboxStore.Replayed> replayed = store.replay(
                new DeadLetterQuery(Optional.empty(), Optional.of("a"), Optional.empty()), later);

        assertThat(replayed).extracting(OutboxStore.Replayed::deadLetterId, OutboxStore.Replayed::target,
                r -> r.item().deliveryId, r -> r.item().body, r -> r.item().attempts, r -> r.item().createdAt,
                r -> r.item().enqueuedAt).containsExactly(tuple(deadA2, "a", "msg_a2", body("msg_a2"), 0, T0, later));
        assertThat(replayed.get(0).item().id).isGreaterThan(a.get(2).id);
        // max-age counts again from the replay, in the store as well
        assertThat(store.pending("a", 0, 10)).extracting(i -> i.deliveryId, i -> i.enqueuedAt)
                .containsExactly(tuple("msg_a1", T0), tuple("msg_a3", T0), tuple("msg_a2", later));
        // only what was asked for: b's dead letter stays
        assertThat(store.deadLetters(DeadLetterQuery.all(), 10)).extracting(DeadLetter::deliveryId).containsExactly("msg_b1");
    }

    @Test
    void dead_letters_of_failed_routes_are_not_replayed_to_a_target_but_handed_back_for_routing_and_then_deleted() {
        write(T0, new StagedDelivery("msg_r1", "evt-r1", DeliveryTargets.ROUTES, "meeting.started", 1L, "{\"r\":1}",
                true, "routing_failed", "route threw", null));

        assertThat(store.replay(DeadLetterQuery.all(), T0)).isEmpty();
        List<OutboxStore.RoutesDeadLetter> routes = store.routesDeadLetters(DeadLetterQuery.all());
        assertThat(routes).extracting(OutboxStore.RoutesDeadLetter::eventId, OutboxStore.RoutesDeadLetter::body)
                .containsExactly(tuple("evt-r1", "{\"r\":1}"));
        store.delete(List.of(routes.get(0).id()));
        assertThat(store.routesDeadLetters(DeadLetterQuery.all())).isEmpty();
    }

    @Test
    void purge_removes_dead_letters_finished_before_the_cutoff_and_leaves_the_rest() {
        write(T0, pending("msg_a1", "a"), pending("msg_a2", "a"), pending("msg_a3", "a"));
        List<LaneItem> a = store.pending("a", 0, 10);
        Instant early = T0.plusSeconds(10);
        Instant late = T0.plusSeconds(100);
        store.apply(List.of(Progress.dead(attempted(a.get(0), early), early, "rejected", "HTTP 400"),
                Progress.dead(attempted(a.get(1), late), late, "rejected", "HTTP 400")));

        assertThat(store.purgeDeadBefore(T0.plusSeconds(50))).isEqualTo(1);
        assertThat(store.deadLetters(DeadLetterQuery.all(), 10)).extracting(DeadLetter::deliveryId).containsExactly("msg_a2");
        assertThat(store.pending("a", 0, 10)).extracting(i -> i.deliveryId).containsExactly("msg_a3");
    }

    private List<WrittenDelivery> write(Instant now, StagedDelivery... rows) {
        return database.jdbc().inTransaction((Jdbc.Tx tx) -> store.write(tx, List.of(rows), now));
    }

    private static StagedDelivery pending(String deliveryId, String target) {
        return new StagedDelivery(deliveryId, "evt-" + deliveryId, target, "meeting.participant_joined", 1L,
                body(deliveryId), false, null, null);
    }

    private static String body(String deliveryId) {
        return "{\"for\":\"" + deliveryId + "\"}";
    }

    /** As a lane has it after one more attempt at {@code at}. */
    private static LaneItem attempted(LaneItem item, Instant at) {
        item.attempts++;
        if (item.firstAttemptAt == null) {
            item.firstAttemptAt = at;
        }
        return item;
    }
}
