package com.zoomoverlay.bridge.accept;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private final ObjectMapper json;

    public AcceptStore(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The ids among {@code ids} that are stored already (looked up by their compact key, compared in full). */
    Set<String> existing(Jdbc.Tx tx, Collection<String> ids) throws SQLException {
        Set<String> found = new HashSet<>();
        List<Object> keys = new ArrayList<>(ids.size());
        for (String id : ids) {
            keys.add(EventKeys.storeKey(id));
        }
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            found.addAll(tx.query("SELECT event_id FROM accepted_event WHERE event_key IN (" + marks(chunk.size()) + ")",
                    rs -> rs.getString(1), chunk.toArray()));
        }
        found.retainAll(ids);
        return found;
    }

    void insert(Jdbc.Tx tx, List<IncomingEvent> events, Instant now) throws SQLException {
        List<Object[]> rows = new ArrayList<>(events.size());
        for (IncomingEvent e : events) {
            rows.add(new Object[] {EventKeys.storeKey(e.eventId()), e.eventId(), e.eventType(), e.transport(), e.body(), now});
        }
        tx.batch("INSERT INTO accepted_event (event_key, event_id, event_type, transport, body, accepted_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", rows);
    }

    /** Stored on a replica that does not route: the leader routes these in this order. */
    void markUnrouted(Jdbc.Tx tx, List<String> eventIds) throws SQLException {
        List<Object[]> rows = eventIds.stream().map(id -> new Object[] {id, EventKeys.storeKey(id)}).toList();
        tx.batch("INSERT INTO unrouted_event (event_id, event_key) VALUES (?, ?)", rows);
    }

    void clearUnrouted(Jdbc.Tx tx, List<String> eventIds) throws SQLException {
        List<Object[]> rows = eventIds.stream().map(id -> new Object[] {EventKeys.storeKey(id)}).toList();
        tx.batch("DELETE FROM unrouted_event WHERE event_key = ?", rows);
    }

    /** Events stored but not routed, oldest first. */
    public List<IncomingEvent> unrouted(int limit) {
        return jdbc.query("SELECT e.event_id, e.event_type, e.transport, e.body FROM unrouted_event u "
                + "JOIN accepted_event e ON e.event_key = u.event_key ORDER BY u.seq LIMIT " + limit,
                rs -> restore(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), true));
    }

    /** One stored event, to route it again (a replayed {@code routing_failed} dead letter). */
    public Optional<IncomingEvent> find(String eventId) {
        return jdbc.queryOne("SELECT event_id, event_type, transport, body FROM accepted_event WHERE event_key = ? AND event_id = ?",
                rs -> restore(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), true),
                EventKeys.storeKey(eventId), eventId);
    }

    /**
     * Deletes events accepted before {@code cutoff} that nothing needs any more: not waiting to be
     * routed, and no pending delivery or dead letter that keeps its body here.
     */
    public int purgeAcceptedBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM accepted_event WHERE accepted_at < ? "
                + "AND event_key NOT IN (SELECT event_key FROM unrouted_event WHERE event_key IS NOT NULL) "
                + "AND event_key NOT IN (SELECT event_key FROM delivery WHERE body IS NULL AND event_key IS NOT NULL)",
                cutoff);
    }

    public long count() {
        return jdbc.queryOne("SELECT COUNT(*) FROM accepted_event", rs -> rs.getLong(1)).orElse(0L);
    }

    /** The routing headers come from the body, so the store keeps no copy of them. */
    private IncomingEvent restore(String id, String type, String transport, String body, boolean reroute) {
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (Exception e) {
            event = json.createObjectNode();
        }
        JsonNode payload = event.path("payload");
        JsonNode ts = event.path("event_ts");
        return new IncomingEvent(id, type, transport, body, ts.canConvertToLong() ? ts.asLong() : null,
                text(payload.path("account_id")), text(payload.path("object").path("id")), reroute);
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
