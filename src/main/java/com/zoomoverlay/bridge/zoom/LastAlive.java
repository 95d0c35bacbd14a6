package com.zoomoverlay.bridge.zoom;

import java.time.Instant;
import java.util.Optional;

import com.zoomoverlay.bridge.store.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the Zoom connection was last known alive, kept in the store ({@code zoom_last_alive}, V20) so that
 * the next holder of the connection (this replica after a restart, another one after a failover) can say
 * from when Zoom events may be missing. The leader writes it at a bounded rate ({@link #flush}, from
 * {@code zoom-ws-alive}); the stored moment may therefore be up to that interval older than the last
 * frame, which only makes the reported gap wider, never hides one.
 */
final class LastAlive {

    /** A window that began before this consumer started: from {@code from}, for {@code reason}. */
    record CarriedOver(Instant from, String reason) {
    }

    static final String BRIDGE_RESTART = "bridge_restart";
    static final String FAILOVER = "failover";
    static final String CONSUMER_RESTART = "consumer_restart";
    private static final String STREAM = "events";
    private static final Logger LOG = LoggerFactory.getLogger(LastAlive.class);

    private final Jdbc jdbc;
    private final String replica;
    private final ZoomWsStatus status;
    /** Touched by the flushing route only. */
    private Instant written;

    LastAlive(Jdbc jdbc, String replica, ZoomWsStatus status) {
        this.jdbc = jdbc;
        this.replica = replica;
        this.status = status;
    }

    /**
     * The window a consumer starting now inherits, if Zoom was ever connected: from the stored moment
     * (or this process's own last frame, when later: a consumer restarted in-process). The reason says
     * who held the connection then: another replica ({@code failover}), this replica in an earlier
     * process ({@code bridge_restart}), or this process ({@code consumer_restart}).
     */
    Optional<CarriedOver> carriedOver() {
        Instant own = status.lastAlive();
        Optional<Object[]> row;
        try {
            row = jdbc.queryOne("SELECT replica, alive_at FROM zoom_last_alive WHERE stream = ?",
                    rs -> new Object[] {rs.getString(1), rs.getLong(2)}, STREAM);
        } catch (Jdbc.StoreException e) {
            LOG.warn("zoom last alive unreadable, no gap carried over error=\"{}\"", e.getMessage());
            row = Optional.empty();
        }
        if (row.isEmpty()) {
            return Optional.ofNullable(own).map(at -> new CarriedOver(at, CONSUMER_RESTART));
        }
        String who = (String) row.get()[0];
        Instant stored = Instant.ofEpochMilli((Long) row.get()[1]);
        if (!replica.equals(who)) {
            return Optional.of(new CarriedOver(stored, FAILOVER));
        }
        if (own != null) {
            return Optional.of(new CarriedOver(own.isAfter(stored) ? own : stored, CONSUMER_RESTART));
        }
        return Optional.of(new CarriedOver(stored, BRIDGE_RESTART));
    }

    /** Stores the last frame's time when it moved since the last write (leader only, off the socket's thread). */
    void flush() {
        Instant alive = status.lastAlive();
        if (alive == null || alive.equals(written)) {
            return;
        }
        long at = alive.toEpochMilli();
        try {
            if (jdbc.update("UPDATE zoom_last_alive SET replica = ?, alive_at = ? WHERE stream = ?", replica, at, STREAM) == 0) {
                jdbc.insertIfAbsent("INSERT INTO zoom_last_alive (stream, replica, alive_at) VALUES (?, ?, ?)", STREAM, replica, at);
            }
            written = alive;
        } catch (Jdbc.StoreException e) {
            // the store is down (health says so): the next tick writes the then latest moment
            LOG.debug("zoom last alive not written error=\"{}\"", e.getMessage());
        }
    }

    /** The moment last stored by this replica (tests wait for it). */
    Instant written() {
        return written;
    }
}
