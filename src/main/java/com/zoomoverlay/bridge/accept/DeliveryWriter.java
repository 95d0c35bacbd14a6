package com.zoomoverlay.bridge.accept;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import com.zoomoverlay.bridge.store.Jdbc;

/**
 * The delivery side of a batch (implemented by the delivery engine): writes the batch's deliveries in
 * the intake's transaction, then hears that they committed, in commit order, so it can send them.
 */
public interface DeliveryWriter {

    /**
     * Writes {@code rows} in {@code tx}; may turn a pending row into a dead letter (e.g. the outbox is
     * full). Returns the rows as written, with their store ids, in order. Must not change any state
     * outside the transaction: the batch may still roll back.
     */
    List<WrittenDelivery> write(Jdbc.Tx tx, List<StagedDelivery> rows, Instant now) throws SQLException;

    /** The transaction that wrote {@code rows} committed. */
    void committed(List<WrittenDelivery> rows);

    /**
     * Held by every writer of pending deliveries from before its transaction until {@link #committed}
     * returns, so store ids rise in the order the lanes hear of them (a lane relies on that to know what a
     * store read has seen, and its delivered watermark never passes a row it has not heard of).
     */
    Object appendOrder();

    /** A row as written: its id, and what it became. */
    record WrittenDelivery(long id, StagedDelivery row, Instant enqueuedAt) {
    }
}
