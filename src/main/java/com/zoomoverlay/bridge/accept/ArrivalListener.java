package com.zoomoverlay.bridge.accept;

/**
 * Hears every event a transport handed to {@code direct:zoom-accept} once the intake has decided on it
 * (stored, or dropped as a repeat), with the transport that brought this copy: what the cross-transport
 * ledger counts. Called on the intake's one thread; must be quick and must not throw.
 */
public interface ArrivalListener {

    void arrived(String eventId, String transport, Acceptance acceptance);
}
