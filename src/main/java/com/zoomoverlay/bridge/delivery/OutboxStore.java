package com.zoomoverlay.bridge.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.zoomoverlay.bridge.accept.DeliveryWriter.WrittenDelivery;
import com.zoomoverlay.bridge.accept.StagedDelivery;
import com.zoomoverlay.bridge.store.Jdbc;

/**
 * The {@code delivery} table: a row per (event, target) while it is pending, kept as the dead letter
 * when given up, deleted once delivered. Read back only at start, on gaining leadership, when a lane
 * overflows its memory, and for the admin views.
 */
public final class OutboxStore {

    static final String PENDING = "pending";
    static final String DEAD = "dead";
    private static final int CHUNK = 500;
    private static final String ITEM_COLUMNS = "d.id, d.delivery_id, d.event_id, d.target, d.event_type, d.event_ts, "
            + "COALESCE(d.body, e.body) AS body, d.attempts, d.created_at, d.enqueued_at, d.first_attempt_at";

    private final Jdbc jdbc;

    public OutboxStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the rows, in order. A route that sends the same event to the same target twice makes one
     * delivery; across batches the intake never routes a stored event twice, so no lookup is needed.
     */
    List<WrittenDelivery> write(Jdbc.Tx tx, List<StagedDelivery> rows, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<StagedDelivery> fresh = new ArrayList<>(rows.size());
        List<Object[]> values = new ArrayList<>(rows.size());
        Set<String> seen = new HashSet<>();
        for (StagedDelivery r : rows) {
            if (!seen.add(r.deliveryId())) {
                continue;
            }
            fresh.add(r);
            // the body is left out only when it is the event's and the event's row is known (same transaction)
            boolean bodyInEvent = r.sameAsEvent() && r.eventSeq() != null;
            values.add(new Object[] {r.deliveryId(), r.eventId(), bodyInEvent ? r.eventSeq() : null,
                    r.target(), r.eventType(), r.eventTs(),
                    bodyInEvent ? null : r.body(), r.pending() ? PENDING : DEAD, 0, now, now,
                    r.pending() ? null : now, r.deadReason(), truncate(r.error())});
        }
        long[] ids = tx.batchInsert("INSERT INTO delivery (delivery_id, event_id, event_seq, target, event_type, event_ts, "
                + "body, status, attempts, created_at, enqueued_at, finished_at, reason, last_error) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "id", values);
        List<WrittenDelivery> written = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            written.add(new WrittenDelivery(ids[i], fresh.get(i), now));
        }
        return written;
    }

    /** Pending deliveries of a target after {@code afterId}, oldest first. */
    List<LaneItem> pending(String target, long afterId, int limit) {
        return jdbc.query("SELECT " + ITEM_COLUMNS + " FROM delivery d LEFT JOIN accepted_event e ON e.seq = d.event_seq "
                + "WHERE d.target = ? AND d.status = 'pending' AND d.id > ? ORDER BY d.id LIMIT " + limit,
                OutboxStore::item, target, afterId);
    }

    /** Pending deliveries per target. */
    Map<String, Long> pendingCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT target, COUNT(*) FROM delivery WHERE status = 'pending' GROUP BY target", rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
            return null;
        });
        return counts;
    }

    /** Dead letters per target. */
    Map<String, Long> deadCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT target, COUNT(*) FROM delivery WHERE status = 'dead' GROUP BY target", rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
            return null;
        });
        return counts;
    }

    /**
     * Applies a batch of lane outcomes in one transaction: dead letters and attempt counts first, then,
     * per target, the highest watermark as one range delete of the finished pending rows.
     */
    void apply(List<Progress> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Object[]> retried = new ArrayList<>();
        List<Object[]> dead = new ArrayList<>();
        Map<String, Long> doneUpTo = new LinkedHashMap<>();
        for (Progress p : batch) {
            switch (p.kind()) {
                case DONE_UP_TO -> doneUpTo.merge(p.target(), p.id(), Math::max);
                case RETRY -> retried.add(new Object[] {p.attempts(), p.firstAttemptAt(), truncate(p.error()), p.id()});
                case DEAD -> dead.add(new Object[] {p.attempts(), p.firstAttemptAt(), p.at(), p.reason(), truncate(p.error()),
                        p.id()});
                default -> throw new IllegalStateException();
            }
        }
        List<Object[]> ranges = new ArrayList<>();
        doneUpTo.forEach((target, id) -> ranges.add(new Object[] {target, id}));
        jdbc.inTransaction(tx -> {
            tx.batch("UPDATE delivery SET attempts = ?, first_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'pending'",
                    retried);
            tx.batch("UPDATE delivery SET status = 'dead', attempts = ?, first_attempt_at = ?, finished_at = ?, reason = ?, "
                    + "last_error = ? WHERE id = ? AND status = 'pending'", dead);
            tx.batch("DELETE FROM delivery WHERE target = ? AND status = 'pending' AND id <= ?", ranges);
            return null;
        });
    }

    List<DeadLetter> deadLetters(DeadLetterQuery query, int limit) {
        QueryParts where = query.where("");
        return jdbc.query("SELECT id, delivery_id, event_id, target, event_type, attempts, reason, last_error, created_at, "
                + "finished_at FROM delivery WHERE status = 'dead'" + where.sql() + " ORDER BY id LIMIT " + limit,
                rs -> new DeadLetter(rs.getLong("id"), rs.getString("delivery_id"), rs.getString("event_id"),
                        rs.getString("target"), rs.getString("event_type"), rs.getInt("attempts"), rs.getString("reason"),
                        rs.getString("last_error"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "finished_at")),
                where.args());
    }

    /**
     * Puts the selected dead letters back in their queues, at the end, as new pending rows with the same
     * {@code webhook-id} and body; the dead rows go. Returns the new rows, in their old order.
     */
    List<Replayed> replay(DeadLetterQuery query, Instant now) {
        return jdbc.inTransaction(tx -> {
            QueryParts where = query.where("d.");
            List<Object[]> picked = tx.query("SELECT d.id, d.delivery_id, d.event_id, d.event_seq, d.target, d.event_type, "
                    + "d.event_ts, d.body, d.created_at, COALESCE(d.body, e.body) AS resolved FROM delivery d "
                    + "LEFT JOIN accepted_event e ON e.seq = d.event_seq "
                    + "WHERE d.status = 'dead' AND d.target <> ?" + where.sql() + " ORDER BY d.id",
                    rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4),
                            rs.getString(5), rs.getString(6), (Long) rs.getObject(7), rs.getString(8),
                            Jdbc.instant(rs, "created_at"), rs.getString(10)},
                    prepend(DeliveryTargets.ROUTES, where.args()));
            List<Object[]> inserts = new ArrayList<>();
            List<Object[]> deletes = new ArrayList<>();
            for (Object[] r : picked) {
                inserts.add(new Object[] {r[1], r[2], r[3], r[4], r[5], r[6], r[7], PENDING, 0, r[8], now});
                deletes.add(new Object[] {r[0]});
            }
            long[] ids = tx.batchInsert("INSERT INTO delivery (delivery_id, event_id, event_seq, target, event_type, event_ts, "
                    + "body, status, attempts, created_at, enqueued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "id", inserts);
            tx.batch("DELETE FROM delivery WHERE id = ?", deletes);
            List<Replayed> replayed = new ArrayList<>();
            for (int i = 0; i < picked.size(); i++) {
                Object[] r = picked.get(i);
                replayed.add(new Replayed((Long) r[0], (String) r[4], new LaneItem(ids[i], (String) r[1], (String) r[5],
                        (Long) r[6], (String) r[9], 0, (Instant) r[8], now, null)));
            }
            return replayed;
        });
    }

    /** A dead letter put back in its target's queue: its old id, and its new row. */
    record Replayed(long deadLetterId, String target, LaneItem item) {
    }

    /** Dead letters of events whose routes (or store) failed, with what is needed to route them again. */
    List<RoutesDeadLetter> routesDeadLetters(DeadLetterQuery query) {
        QueryParts where = query.where("d.");
        return jdbc.query("SELECT d.id, d.event_id, d.event_type, COALESCE(d.body, e.body) AS body, e.seq FROM delivery d "
                + "LEFT JOIN accepted_event e ON e.seq = d.event_seq WHERE d.status = 'dead' AND d.target = ?"
                + where.sql() + " ORDER BY d.id",
                rs -> new RoutesDeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), (Long) rs.getObject(5)),
                prepend(DeliveryTargets.ROUTES, where.args()));
    }

    /**
     * An event to route again: stored ({@code eventSeq} set when the dead letter points at its row) or not
     * even stored ({@code store_failed}).
     */
    record RoutesDeadLetter(long id, String eventId, String eventType, String body, Long eventSeq) {
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Deletes dead letters of the {@code routes} pseudo-target once their event is routed again. */
    void delete(List<Long> ids) {
        List<Object[]> rows = ids.stream().map(id -> new Object[] {id}).toList();
        jdbc.inTransaction(tx -> {
            tx.batch("DELETE FROM delivery WHERE id = ?", rows);
            return null;
        });
    }

    int purgeDeadBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM delivery WHERE status = 'dead' AND finished_at < ?", cutoff);
    }

    private static LaneItem item(ResultSet rs) throws SQLException {
        long ts = rs.getLong("event_ts");
        Long eventTs = rs.wasNull() ? null : ts;
        return new LaneItem(rs.getLong("id"), rs.getString("delivery_id"), rs.getString("event_type"), eventTs,
                rs.getString("body"), rs.getInt("attempts"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "enqueued_at"),
                Jdbc.instant(rs, "first_attempt_at"));
    }

    static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }

    /** A WHERE fragment and its arguments. */
    record QueryParts(String sql, Object[] args) {
    }
}
