package com.zoomoverlay.bridge.accept;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.zoomoverlay.bridge.events.EventKeys;
import com.zoomoverlay.bridge.retry.Backoff;
import com.zoomoverlay.bridge.store.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of the intake, start to finish: drop repeats, route the new events (leader only), write
 * events and deliveries in one transaction, then acknowledge and hand the deliveries and frames on.
 * When the store refuses a batch it is retried, then split, so one event the store cannot take is
 * isolated and dead-lettered ({@code store_failed}) instead of holding up everything behind it.
 * Runs on the intake's one thread only.
 */
final class BatchCommitter {

    static final String STORE_FAILED = "store_failed";
    private static final Logger LOG = LoggerFactory.getLogger(BatchCommitter.class);
    private static final int SINGLE_EVENT_ATTEMPTS = 3;
    /** While the store is down: 100 ms after the first try, doubling, at most 5 s apart (no jitter: one writer). */
    private static final Backoff STORE_DOWN_PAUSE = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), 0);

    private final Jdbc jdbc;
    private final AcceptStore store;
    private final DeliveryWriter deliveries;
    private final Supplier<List<CommitListener>> listeners;
    private final Supplier<List<BatchWriter>> writers;
    private final EventRouter router;
    private final RecentEvents recent;
    private final EventValidator validator;
    private final Supplier<Boolean> storeReachable;
    private final Clock clock;
    private final IntakeMetrics metrics;

    BatchCommitter(Jdbc jdbc, AcceptStore store, DeliveryWriter deliveries, Supplier<List<CommitListener>> listeners,
            Supplier<List<BatchWriter>> writers, EventRouter router, RecentEvents recent, EventValidator validator, Supplier<Boolean> storeReachable,
            Clock clock, IntakeMetrics metrics) {
        this.jdbc = jdbc;
        this.store = store;
        this.deliveries = deliveries;
        this.listeners = listeners;
        this.writers = writers;
        this.router = router;
        this.recent = recent;
        this.validator = validator;
        this.storeReachable = storeReachable;
        this.clock = clock;
        this.metrics = metrics;
    }

    void commit(List<EventIntake.Pending> batch, boolean route) throws InterruptedException {
        List<Unit> units = new ArrayList<>(batch.size());
        Map<String, Unit> byId = new HashMap<>();
        List<EventIntake.Pending> repeats = new ArrayList<>();
        for (EventIntake.Pending p : batch) {
            IncomingEvent e = p.event();
            String refusal = validator.refusal(e);
            if (refusal != null) {
                metrics.rejected(refusal);
                deadLetter(p, refusal, "the event does not have the shape Zoom sends: " + refusal);
            } else if (!e.reroute() && (byId.containsKey(e.eventId()) || recent.contains(e.eventId()))) {
                repeats.add(p);
            } else {
                Unit unit = new Unit(p);
                byId.put(e.eventId(), unit);
                units.add(unit);
            }
        }
        commitUnits(units, route);
        for (EventIntake.Pending p : repeats) {
            metrics.duplicate(p.event().transport());
            p.done().complete(Acceptance.DUPLICATE);
        }
    }

    /** Commits {@code units}; on refusal retries, then splits down to the one event the store cannot take. */
    private void commitUnits(List<Unit> units, boolean route) throws InterruptedException {
        if (units.isEmpty()) {
            return;
        }
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                synchronized (deliveries.appendOrder()) {
                    List<DeliveryWriter.WrittenDelivery> written = writeAll(units, route);
                    // Deliveries first, so a browser never shows an event a webhook target will not get.
                    deliveries.committed(written);
                }
                afterCommit(units);
                return;
            } catch (Jdbc.StoreException e) {
                metrics.commitFailed();
                writers.get().forEach(BatchWriter::rolledBack);
                if (!Boolean.TRUE.equals(storeReachable.get())) {
                    // The store is down, not this batch: wait for it (health says DOWN meanwhile).
                    LOG.warn("store unavailable, batch waits events={} error=\"{}\"", units.size(), e.getMessage());
                    pause(attempt);
                    continue;
                }
                if (units.size() > 1 && attempt >= 2) {
                    int half = units.size() / 2;
                    commitUnits(new ArrayList<>(units.subList(0, half)), route);
                    commitUnits(new ArrayList<>(units.subList(half, units.size())), route);
                    return;
                }
                if (units.size() == 1 && attempt >= SINGLE_EVENT_ATTEMPTS) {
                    storeFailed(units.get(0), e);
                    return;
                }
                pause(attempt);
            }
        }
    }

    /** One transaction: the dedupe check, the events, what is still to route, and the deliveries. */
    private List<DeliveryWriter.WrittenDelivery> writeAll(List<Unit> units, boolean route) {
        Instant now = clock.instant();
        return jdbc.inTransaction(tx -> {
            List<IncomingEvent> fresh = new ArrayList<>();
            for (Unit u : units) {
                if (!u.event().reroute()) {
                    fresh.add(u.event());
                }
            }
            Set<String> stored = store.existing(tx, fresh);
            List<IncomingEvent> inserts = new ArrayList<>();
            List<IncomingEvent> unrouted = new ArrayList<>();
            List<String> nowRouted = new ArrayList<>();
            List<Unit> routedUnits = new ArrayList<>();
            List<IncomingEvent> routed = new ArrayList<>();
            for (Unit u : units) {
                IncomingEvent e = u.event();
                u.duplicate = !e.reroute() && stored.contains(e.eventId());
                if (u.duplicate) {
                    continue;
                }
                if (!e.reroute()) {
                    inserts.add(e);
                }
                if (!route) {
                    if (!e.reroute()) {
                        unrouted.add(e);
                    }
                    continue;
                }
                if (u.stage == null) {
                    // routed once per batch even when the commit is retried: the routes ran, their output is kept
                    u.stage = router.route(e);
                }
                if (e.reroute()) {
                    nowRouted.add(e.eventId());
                }
                routedUnits.add(u);
                routed.add(e);
            }
            long[] seqs = store.insert(tx, inserts, now);
            Map<String, Long> seqOf = new HashMap<>();
            for (int i = 0; i < seqs.length; i++) {
                seqOf.put(inserts.get(i).eventId(), seqs[i]);
            }
            store.markUnrouted(tx, unrouted, seqOf);
            store.clearUnrouted(tx, nowRouted);
            if (!routed.isEmpty()) {
                for (BatchWriter writer : writers.get()) {
                    writer.write(tx, routed);
                }
            }
            List<StagedDelivery> staged = new ArrayList<>();
            for (Unit u : routedUnits) {
                // a delivery of the event itself points at the row just written instead of copying the body;
                // a re-routed event's row is not looked up (rare), its deliveries keep their body
                Long seq = seqOf.get(u.event().eventId());
                for (StagedDelivery d : u.stage.deliveries()) {
                    staged.add(seq != null && d.sameAsEvent() && u.event().eventId().equals(d.eventId()) ? d.withEventSeq(seq) : d);
                }
            }
            return deliveries.write(tx, staged, now);
        });
    }

    private void afterCommit(List<Unit> units) {
        for (Unit u : units) {
            if (u.duplicate) {
                metrics.duplicate(u.event().transport());
            } else if (!u.event().reroute()) {
                metrics.accepted(u.event().transport());
                recent.add(u.event().eventId());
            }
        }
        List<CommitListener> hearing = listeners.get();
        for (Unit u : units) {
            if (!u.duplicate && u.stage != null) {
                for (CommitListener listener : hearing) {
                    try {
                        listener.committed(u.event(), u.stage.frames());
                    } catch (RuntimeException e) {
                        LOG.warn("commit listener failed listener={} error={}", listener.getClass().getSimpleName(),
                                e.getClass().getSimpleName());
                    }
                }
            }
            u.pending.done().complete(u.duplicate ? Acceptance.DUPLICATE : Acceptance.STORED);
        }
    }

    /** The store reliably refuses this one event: keep it as a dead letter, or at least say it is lost. */
    private void storeFailed(Unit unit, Jdbc.StoreException cause) {
        IncomingEvent e = unit.event();
        LOG.error("event refused by the store eventId={} event={} error=\"{}\" (dead-lettered as {})", e.eventId(),
                printable(e.eventType()), cause.getMessage(), STORE_FAILED);
        deadLetter(unit.pending, STORE_FAILED, cause.getMessage());
    }

    /**
     * Files an event that cannot go through the stream under the {@code routes} pseudo-target, body and
     * all, so an operator sees it ({@code GET /admin/dead-letters}) and the events behind it go on.
     */
    private void deadLetter(EventIntake.Pending pending, String reason, String detail) {
        IncomingEvent e = pending.event();
        String body = e.body() == null ? "" : e.body();
        // a refused event's own id may be what was wrong with it (bad_event_id): then its body's id
        String id = EventValidator.isEventId(e.eventId()) ? e.eventId() : EventKeys.eventId(body);
        if (!STORE_FAILED.equals(reason)) {
            LOG.warn("event dead-lettered reason={} eventId={} event={}", reason, id, printable(e.eventType()));
        }
        try {
            synchronized (deliveries.appendOrder()) {
                List<DeliveryWriter.WrittenDelivery> written = jdbc.inTransaction(tx -> deliveries.write(tx, List.of(
                        new StagedDelivery(EventKeys.webhookId(id, EventRouter.ROUTES_TARGET), null, EventRouter.ROUTES_TARGET,
                                printable(e.eventType()), e.eventTs(), body, false, reason, detail)), clock.instant()));
                deliveries.committed(written);
            }
            pending.done().complete(Acceptance.STORED);
        } catch (RuntimeException again) {
            metrics.lost(reason);
            LOG.error("event lost: not even its dead letter could be stored eventId={} error=\"{}\"", id, again.getMessage());
            pending.done().completeExceptionally(again);
        }
    }

    /** A type as the store and a log line can take it: at most 128 characters, no control characters. */
    private static String printable(String type) {
        if (type == null) {
            return "unknown";
        }
        String clean = type.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() <= EventValidator.MAX_TYPE_LENGTH ? clean : clean.substring(0, EventValidator.MAX_TYPE_LENGTH - 3) + "...";
    }

    private static void pause(int attempt) throws InterruptedException {
        Thread.sleep(STORE_DOWN_PAUSE.ceiling(attempt).toMillis());
    }

    /** One event through the batch: its stage survives commit retries, so routes run once. */
    private static final class Unit {
        final EventIntake.Pending pending;
        RoutingStage stage;
        boolean duplicate;

        Unit(EventIntake.Pending pending) {
            this.pending = pending;
        }

        IncomingEvent event() {
            return pending.event();
        }
    }
}
