package com.zoomoverlay.bridge.accept;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.zoomoverlay.bridge.events.EventKeys;
import com.zoomoverlay.bridge.store.Jdbc;

/**
 * The accepted events in the store ({@code accepted_event}, {@code unrouted_event}): the body once per
 * event, what is still to be routed, and retention.
 */
public final class AcceptStore {

    public static final String BEAN_NAME = "acceptStore";
    /** IN lists stay well below every driver's parameter limit. */
    private static final int CHUNK = 500;

    private final Jdbc jdbc;

    public AcceptStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The ids among {@code events} that are stored already: looked up by {@code (event_ts, event_key)},
     * the dedupe index, and compared in full.
     */
    Set<String> existing(Jdbc.Tx tx, Collection<IncomingEvent> events) throws SQLException {
        Set<String> ids = new HashSet<>();
        Set<Long> tsValues = new HashSet<>();
        List<Object> keys = new ArrayList<>(events.size());
        for (IncomingEvent e : events) {
            ids.add(e.eventId());
            keys.add(EventKeys.storeKey(e.eventId()));
            tsValues.add(keyTs(e));
        }
        Set<String> found = new HashSet<>();
        List<Object> times = new ArrayList<>(tsValues);
        // both lists are short (one batch); the index answers the pairs, the id comparison drops the mixes
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            for (int at = 0; at < times.size(); at += CHUNK) {
                List<Object> ts = times.subList(at, Math.min(times.size(), at + CHUNK));
                Object[] args = new Object[ts.size() + chunk.size()];
                ts.toArray(args);
                System.arraycopy(chunk.toArray(), 0, args, ts.size(), chunk.size());
                found.addAll(tx.query("SELECT event_id FROM accepted_event WHERE event_ts IN (" + marks(ts.size())
                        + ") AND event_key IN (" + marks(chunk.size()) + ")", rs -> rs.getString(1), args));
            }
        }
        found.retainAll(ids);
        return found;
    }

    /**
     * Inserts the events in order; returns their {@code seq}, what their deliveries point at. The dedupe
     * key leads with Zoom's {@code event_ts} so new rows append to its index (V34).
     */
    long[] insert(Jdbc.Tx tx, List<IncomingEvent> events, Instant now) throws SQLException {
        List<Object[]> rows = new ArrayList<>(events.size());
        for (IncomingEvent e : events) {
            rows.add(new Object[] {keyTs(e), EventKeys.storeKey(e.eventId()), e.eventId(), e.eventType(), e.transport(), e.body(), now});
        }
        return tx.batchInsert("INSERT INTO accepted_event (event_ts, event_key, event_id, event_type, transport, body, accepted_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", "seq", rows);
    }

    /** Stored on a replica that does not route: the leader routes these in this order. */
    void markUnrouted(Jdbc.Tx tx, List<IncomingEvent> events, java.util.Map<String, Long> seqs) throws SQLException {
        List<Object[]> rows = events.stream()
                .map(e -> new Object[] {e.eventId(), EventKeys.storeKey(e.eventId()), seqs.get(e.eventId())}).toList();
        tx.batch("INSERT INTO unrouted_event (event_id, event_key, event_seq) VALUES (?, ?, ?)", rows);
    }

    void clearUnrouted(Jdbc.Tx tx, List<String> eventIds) throws SQLException {
        List<Object[]> rows = eventIds.stream().map(id -> new Object[] {EventKeys.storeKey(id)}).toList();
        tx.batch("DELETE FROM unrouted_event WHERE event_key = ?", rows);
    }

    /** Events stored but not routed, oldest first. */
    public List<IncomingEvent> unrouted(int limit) {
        return jdbc.query("SELECT e.event_id, e.event_type, e.transport, e.body FROM unrouted_event u "
                + "JOIN accepted_event e ON e.seq = u.event_seq ORDER BY u.seq LIMIT " + limit,
                rs -> restore(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), true));
    }

    /**
     * One stored event, to route it again (a replayed {@code routing_failed} dead letter): by its row when
     * the dead letter points at it, else by its id and the {@code event_ts} in {@code body}.
     */
    public Optional<IncomingEvent> find(Long seq, String eventId, String body) {
        if (seq != null) {
            return jdbc.queryOne("SELECT event_id, event_type, transport, body FROM accepted_event WHERE seq = ? AND event_id = ?",
                    rs -> restore(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), true), seq, eventId);
        }
        Long ts = body == null ? null : IncomingEvent.fromBody(body, "unknown", "bridge").eventTs();
        return jdbc.queryOne("SELECT event_id, event_type, transport, body FROM accepted_event "
                + "WHERE event_ts = ? AND event_key = ? AND event_id = ?",
                rs -> restore(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), true),
                ts == null ? 0L : ts, EventKeys.storeKey(eventId), eventId);
    }

    /**
     * Deletes events accepted before {@code cutoff} that nothing needs any more: not waiting to be
     * routed, and no pending delivery or dead letter that keeps its body here.
     */
    public int purgeAcceptedBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM accepted_event WHERE accepted_at < ? "
                + "AND seq NOT IN (SELECT event_seq FROM unrouted_event WHERE event_seq IS NOT NULL) "
                + "AND seq NOT IN (SELECT event_seq FROM delivery WHERE event_seq IS NOT NULL)",
                cutoff);
    }

    /** The first part of the dedupe key: the transport's {@code ZoomEventTs}, 0 when it has none. */
    static long keyTs(IncomingEvent e) {
        return e.eventTs() == null ? 0L : e.eventTs();
    }

    public long count() {
        return jdbc.queryOne("SELECT COUNT(*) FROM accepted_event", rs -> rs.getLong(1)).orElse(0L);
    }

    /** The routing headers come from the body, so the store keeps no copy of them. */
    private static IncomingEvent restore(String id, String type, String transport, String body, boolean reroute) {
        return IncomingEvent.fromBody(id, body, type, transport, reroute);
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
