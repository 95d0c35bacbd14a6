package com.zoomoverlay.bridge.delivery.targets;

import java.util.concurrent.CompletionStage;

/**
 * Sends deliveries to one target over its own protocol (a signed webhook, vMix's HTTP API, CasparCG's
 * AMCP, ...). One instance per target, made by its {@link TargetKind}. The target's lane calls it, one
 * delivery at a time unless the target allows more in flight, and decides about retries and dead letters
 * from the {@link SendResult}; a sender never retries on its own.
 */
public interface Sender extends AutoCloseable {

    /** Sends once; completes with the outcome, never exceptionally (a failure is a {@link SendResult}). */
    CompletionStage<SendResult> send(OutgoingDelivery delivery);

    /** Releases connections; the lane is stopped before this is called. */
    @Override
    default void close() {
    }
}
