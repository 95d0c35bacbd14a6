package com.zoomoverlay.bridge.delivery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Webhook deliveries in the store: pending rows are the outbox (sent oldest first per target), then
 * each becomes delivered or dead. Rows outlive restarts, so nothing accepted is lost.
 */
public final class Outbox {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String DEAD = "dead";

    /** A row of the outbox. */
    public record Delivery(long id, String webhookId, String target, String eventType, Long eventTs, String body,
            String status, int attempts, Instant createdAt, Instant firstAttemptAt, Instant nextAttemptAt,
            Instant finishedAt, String lastError) {
    }

    /** Counts for one target, for the console and health. */
    public record TargetStats(long pending, long retrying, long delivered, long dead, Instant lastDeliveredAt) {
    }

    private static final String COLUMNS = "id, webhook_id, target, event_type, event_ts, body, status, attempts, "
            + "created_at, first_attempt_at, next_attempt_at, finished_at, last_error";

    private final Jdbc jdbc;

    public Outbox(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** Adds a delivery; false when this webhook id is already there (the event was routed before). */
    public boolean enqueue(String webhookId, String target, String eventType, Long eventTs, String body, Instant now) {
        return jdbc.insertIfAbsent("INSERT INTO outbox_delivery (webhook_id, target, event_type, event_ts, body, status, "
                + "attempts, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
                webhookId, target, eventType, eventTs, body, now, now);
    }

    /** The oldest pending delivery of a target: nothing behind it may go first. */
    public Optional<Delivery> head(String target) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outbox_delivery WHERE target = ? AND status = 'pending' "
                + "ORDER BY id LIMIT 1", Outbox::map, target).stream().findFirst();
    }

    public void markDelivered(long id, int attempts, Instant now) {
        jdbc.update("UPDATE outbox_delivery SET status = 'delivered', attempts = ?, finished_at = ?, last_error = NULL "
                + "WHERE id = ?", attempts, now, id);
    }

    public void scheduleRetry(long id, int attempts, Instant firstAttemptAt, Instant nextAttemptAt, String error) {
        jdbc.update("UPDATE outbox_delivery SET attempts = ?, first_attempt_at = ?, next_attempt_at = ?, last_error = ? "
                + "WHERE id = ?", attempts, firstAttemptAt, nextAttemptAt, truncate(error), id);
    }

    public void markDead(long id, int attempts, Instant firstAttemptAt, Instant now, String error) {
        jdbc.update("UPDATE outbox_delivery SET status = 'dead', attempts = ?, first_attempt_at = ?, finished_at = ?, "
                + "last_error = ? WHERE id = ?", attempts, firstAttemptAt, now, truncate(error), id);
    }

    public List<Delivery> deadLetters(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outbox_delivery WHERE status = 'dead' ORDER BY id LIMIT " + limit,
                Outbox::map);
    }

    /** Puts dead letters back in the queue (all, one id, or one target); returns how many. */
    public int replay(Optional<Long> id, Optional<String> target, Instant now) {
        StringBuilder sql = new StringBuilder("UPDATE outbox_delivery SET status = 'pending', attempts = 0, "
                + "first_attempt_at = NULL, finished_at = NULL, next_attempt_at = ? WHERE status = 'dead'");
        List<Object> args = new java.util.ArrayList<>(List.of(now));
        id.ifPresent(v -> {
            sql.append(" AND id = ?");
            args.add(v);
        });
        target.ifPresent(v -> {
            sql.append(" AND target = ?");
            args.add(v);
        });
        return jdbc.update(sql.toString(), args.toArray());
    }

    public Map<String, TargetStats> stats() {
        Map<String, TargetStats> stats = new LinkedHashMap<>();
        jdbc.query("SELECT target, "
                + "SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending, "
                + "SUM(CASE WHEN status = 'pending' AND attempts > 0 THEN 1 ELSE 0 END) AS retrying, "
                + "SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END) AS delivered, "
                + "SUM(CASE WHEN status = 'dead' THEN 1 ELSE 0 END) AS dead, "
                + "MAX(CASE WHEN status = 'delivered' THEN finished_at END) AS last_delivered "
                + "FROM outbox_delivery GROUP BY target ORDER BY target", rs -> {
                    stats.put(rs.getString("target"), new TargetStats(rs.getLong("pending"), rs.getLong("retrying"),
                            rs.getLong("delivered"), rs.getLong("dead"), Jdbc.instant(rs, "last_delivered")));
                    return null;
                });
        return stats;
    }

    public long pendingCount() {
        return jdbc.query("SELECT COUNT(*) AS n FROM outbox_delivery WHERE status = 'pending'", rs -> rs.getLong("n"))
                .get(0);
    }

    public int purgeDeliveredBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM outbox_delivery WHERE status = 'delivered' AND finished_at < ?", cutoff);
    }

    private static Delivery map(java.sql.ResultSet rs) throws java.sql.SQLException {
        long ts = rs.getLong("event_ts");
        Long eventTs = rs.wasNull() ? null : ts;
        return new Delivery(rs.getLong("id"), rs.getString("webhook_id"), rs.getString("target"), rs.getString("event_type"),
                eventTs, rs.getString("body"), rs.getString("status"), rs.getInt("attempts"), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "first_attempt_at"), Jdbc.instant(rs, "next_attempt_at"), Jdbc.instant(rs, "finished_at"),
                rs.getString("last_error"));
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }
}
