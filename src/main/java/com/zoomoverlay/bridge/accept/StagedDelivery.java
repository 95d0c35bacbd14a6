package com.zoomoverlay.bridge.accept;

/**
 * A delivery a route asked for while its event was being routed, written in the same transaction as
 * the event. {@code body} is what goes to the target; {@code sameAsEvent} says it is the event itself,
 * so the store keeps it once. {@code deadReason} non-null writes it straight to the dead letters
 * (e.g. {@code routing_failed}, {@code outbox_full}) with {@code error} as detail. {@code eventSeq} is
 * the stored event's {@code accepted_event.seq}, set by the intake once the event is written in the same
 * transaction: only then is a {@code sameAsEvent} body left out of the delivery row.
 */
public record StagedDelivery(String deliveryId, String eventId, String target, String eventType, Long eventTs,
        String body, boolean sameAsEvent, String deadReason, String error, Long eventSeq) {

    public StagedDelivery(String deliveryId, String eventId, String target, String eventType, Long eventTs,
            String body, boolean sameAsEvent, String deadReason, String error) {
        this(deliveryId, eventId, target, eventType, eventTs, body, sameAsEvent, deadReason, error, null);
    }

    public StagedDelivery asDead(String reason, String detail) {
        return new StagedDelivery(deliveryId, eventId, target, eventType, eventTs, body, sameAsEvent, reason, detail, eventSeq);
    }

    /** This row, pointing at its event's stored row. */
    public StagedDelivery withEventSeq(long seq) {
        return new StagedDelivery(deliveryId, eventId, target, eventType, eventTs, body, sameAsEvent, deadReason, error, seq);
    }

    public boolean pending() {
        return deadReason == null;
    }
}
