package com.zoomoverlay.bridge.delivery;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.zoomoverlay.bridge.accept.DeliveryWriter;
import com.zoomoverlay.bridge.accept.StagedDelivery;
import com.zoomoverlay.bridge.store.Jdbc;
import io.vertx.core.Vertx;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery side of the stream: writes the deliveries the routes made in the intake's transaction
 * (turning them into {@code outbox_full} dead letters beyond {@code bridge.delivery.outbox-limit}),
 * then hands what committed to the target's {@link Lane}. Lanes run on the leader only; on gaining
 * leadership they read back what the store holds, so events accepted by the old leader are delivered.
 */
public final class DeliveryEngine extends ServiceSupport implements DeliveryWriter {

    public static final String BEAN_NAME = "deliveryEngine";
    static final String OUTBOX_FULL = "outbox_full";
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryEngine.class);

    private final DeliveryTargets targets;
    private final OutboxStore store;
    private final ProgressWriter progress;
    private final DeliveryMetrics metrics;
    private final DeliverySettings settings;
    private final Clock clock;
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final Object appendOrder = new Object();
    private volatile boolean leading;

    DeliveryEngine(DeliveryTargets targets, OutboxStore store, io.micrometer.core.instrument.MeterRegistry registry,
            DeliverySettings settings, Vertx vertx, Clock clock) {
        this.targets = targets;
        this.store = store;
        this.progress = new ProgressWriter(store::apply);
        this.settings = settings;
        this.clock = clock;
        this.metrics = new DeliveryMetrics(registry, this::pending, settings.outboxLimit());
        LaneStore laneStore = (target, after, limit) -> {
            progress.flush();
            return store.pending(target, after, limit);
        };
        for (DeliveryTarget target : targets.all()) {
            lanes.put(target.name(), new Lane(target, vertx, laneStore, progress, settings.retry(), clock, metrics,
                    settings.laneMemoryLimit(), settings.retryCheck()));
        }
    }

    public DeliveryTargets targets() {
        return targets;
    }

    DeliveryMetrics metrics() {
        return metrics;
    }

    /** Pending deliveries of all targets, as the lanes count them (the leader's view). */
    public long pending() {
        long sum = 0;
        for (Lane lane : lanes.values()) {
            sum += lane.pending();
        }
        return sum;
    }

    public long outboxLimit() {
        return settings.outboxLimit();
    }

    @Override
    public List<WrittenDelivery> write(Jdbc.Tx tx, List<StagedDelivery> rows, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        long room = settings.outboxLimit() - pending();
        List<StagedDelivery> decided = new ArrayList<>(rows.size());
        for (StagedDelivery row : rows) {
            if (row.pending() && room <= 0) {
                decided.add(row.asDead(OUTBOX_FULL, "outbox limit " + settings.outboxLimit() + " reached"));
            } else {
                if (row.pending()) {
                    room--;
                }
                decided.add(row);
            }
        }
        return store.write(tx, decided, now);
    }

    @Override
    public void committed(List<WrittenDelivery> rows) {
        Map<String, List<LaneItem>> byTarget = new LinkedHashMap<>();
        for (WrittenDelivery w : rows) {
            StagedDelivery row = w.row();
            if (!row.pending()) {
                metrics.deadLettered(row.target(), row.eventType(), row.deadReason());
                if (OUTBOX_FULL.equals(row.deadReason())) {
                    LOG.warn("delivery dead-lettered target={} deliveryId={} reason={} (outbox at its limit {})",
                            row.target(), row.deliveryId(), OUTBOX_FULL, settings.outboxLimit());
                }
                continue;
            }
            metrics.received(row.target(), row.eventType());
            byTarget.computeIfAbsent(row.target(), t -> new ArrayList<>()).add(new LaneItem(w.id(), row.deliveryId(),
                    row.eventType(), row.eventTs(), row.body(), 0, w.enqueuedAt(), w.enqueuedAt(), null));
        }
        byTarget.forEach((target, items) -> {
            Lane lane = lanes.get(target);
            if (lane != null) {
                lane.committed(items);
            }
        });
    }

    /** This replica now leads: send what the store holds, then what commits. */
    public synchronized void lead() {
        if (leading) {
            return;
        }
        leading = true;
        Map<String, Long> counts;
        // Under the intake's commit lock: a batch committing between the count and the lanes' start would be
        // counted by its commit, then overwritten by the older count, and the outbox limit would let more in.
        synchronized (appendOrder) {
            counts = store.pendingCounts();
            lanes.forEach((name, lane) -> lane.start(counts.getOrDefault(name, 0L)));
        }
        LOG.info("delivery lanes started targets={} pending={}", lanes.keySet(), counts);
    }

    /** Another replica leads: stop sending (what is outstanding stays in the store for it). */
    public synchronized void follow() {
        if (!leading) {
            return;
        }
        leading = false;
        lanes.values().forEach(Lane::stop);
        progress.flush();
        LOG.info("delivery lanes stopped (not the leader)");
    }

    public boolean leading() {
        return leading;
    }

    /** The dead letters an admin asked for. */
    public List<DeadLetter> deadLetters(DeadLetterQuery query, int limit) {
        progress.flush();
        return store.deadLetters(query, limit);
    }

    /**
     * Puts dead letters back in their target's queue (first again, by their original order). Dead letters
     * of the {@code routes} pseudo-target are returned for the intake to route again.
     */
    public List<Replay> replay(DeadLetterQuery query) {
        progress.flush();
        List<Replay> out = new ArrayList<>();
        synchronized (appendOrder) {
            List<OutboxStore.Replayed> replayed = store.replay(query, clock.instant());
            Map<String, List<LaneItem>> byTarget = new LinkedHashMap<>();
            for (OutboxStore.Replayed r : replayed) {
                byTarget.computeIfAbsent(r.target(), t -> new ArrayList<>()).add(r.item());
                out.add(new Replay(r.deadLetterId(), r.target()));
            }
            byTarget.forEach((target, items) -> {
                Lane lane = lanes.get(target);
                if (lane != null) {
                    lane.committed(items);
                }
            });
        }
        return out;
    }

    @Override
    public Object appendOrder() {
        return appendOrder;
    }

    /** One replayed dead letter: its id and target. */
    public record Replay(long deadLetterId, String target) {
    }

    /** Dead letters of failed routes (and of events the store refused), to route them again. */
    List<OutboxStore.RoutesDeadLetter> routesDeadLetters(DeadLetterQuery query) {
        progress.flush();
        return store.routesDeadLetters(query);
    }

    /** Removes replayed {@code routes} dead letters once their events are queued for routing again. */
    public void forget(List<Long> ids) {
        if (!ids.isEmpty()) {
            store.delete(ids);
        }
    }

    public Map<String, TargetStatus> status() {
        Map<String, Long> dead = store.deadCounts();
        Map<String, TargetStatus> out = new LinkedHashMap<>();
        Map<String, Long> pendingInStore = leading ? Map.of() : store.pendingCounts();
        lanes.forEach((name, lane) -> out.put(name, new TargetStatus(name, target(name).kind(), lane.delivered(),
                lane.retrying(), leading ? lane.pending() : pendingInStore.getOrDefault(name, 0L),
                dead.getOrDefault(name, 0L), lane.lastError(), lane.lastDeliveredAt())));
        return out;
    }

    private DeliveryTarget target(String name) {
        return targets.find(name).orElseThrow();
    }

    public Map<String, String> failingTargets() {
        Map<String, String> failing = new LinkedHashMap<>();
        lanes.forEach((name, lane) -> {
            if (lane.lastError() != null) {
                failing.put(name, lane.lastError());
            }
        });
        return failing;
    }

    public int purgeDeadBefore(Instant cutoff) {
        return store.purgeDeadBefore(cutoff);
    }

    @Override
    protected void doStart() {
        progress.start();
    }

    @Override
    protected void doStop() {
        follow();
        progress.stop();
        for (DeliveryTarget target : targets.all()) {
            try {
                target.sender().close();
            } catch (Exception e) {
                LOG.debug("sender close failed target={}", target.name());
            }
        }
    }

    /** One target on the console and in {@code /admin/delivery/status}. */
    public record TargetStatus(String name, String kind, long delivered, int retrying, long pending, long deadLetters,
            String lastError, Instant lastDeliveredAt) {
    }
}
