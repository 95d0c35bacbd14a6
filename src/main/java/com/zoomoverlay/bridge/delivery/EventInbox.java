package com.zoomoverlay.bridge.delivery;

import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

/** Accepted Zoom events, durable before the routes see them. */
public final class EventInbox {

    /** An event stored but not yet routed (after a crash). */
    public record StoredEvent(String eventId, String eventType, String headersJson, String body) {
    }

    private final Jdbc jdbc;

    public EventInbox(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** Stores the event; false when it was already stored (a repeat of an accepted event). */
    public boolean store(String eventId, String eventType, String headersJson, String body, Instant now) {
        return jdbc.insertIfAbsent("INSERT INTO inbox_event (event_id, event_type, headers, body, received_at) VALUES (?, ?, ?, ?, ?)",
                eventId, eventType, headersJson, body, now);
    }

    public boolean isRouted(String eventId) {
        return !jdbc.query("SELECT 1 FROM inbox_event WHERE event_id = ? AND routed_at IS NOT NULL", rs -> 1, eventId).isEmpty();
    }

    public void markRouted(String eventId, Instant now) {
        jdbc.update("UPDATE inbox_event SET routed_at = ? WHERE event_id = ?", now, eventId);
    }

    /** Events never routed, oldest first. */
    public List<StoredEvent> unrouted(int limit) {
        return jdbc.query("SELECT event_id, event_type, headers, body FROM inbox_event WHERE routed_at IS NULL "
                + "ORDER BY seq LIMIT " + limit,
                rs -> new StoredEvent(rs.getString("event_id"), rs.getString("event_type"), rs.getString("headers"), rs.getString("body")));
    }

    public int purgeRoutedBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM inbox_event WHERE routed_at IS NOT NULL AND routed_at < ?", cutoff);
    }
}
