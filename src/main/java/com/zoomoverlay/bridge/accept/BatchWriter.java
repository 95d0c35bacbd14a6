package com.zoomoverlay.bridge.accept;

import java.sql.SQLException;
import java.util.List;

import com.zoomoverlay.bridge.store.Jdbc;

/**
 * Writes what must be stored together with the routed events, inside their batch's transaction (the
 * show state): it commits or rolls back with them, so a crash never keeps one without the other. Runs
 * on the intake's one thread; {@link #rolledBack} says the last write did not commit (the batch is then
 * retried, split, or its event dead-lettered).
 */
public interface BatchWriter {

    void write(Jdbc.Tx tx, List<IncomingEvent> routed) throws SQLException;

    void rolledBack();
}
