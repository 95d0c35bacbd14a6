package com.zoomoverlay.bridge.accept;

/** The intake cannot take the event now (queue full, or stopping): the transport should push back and retry. */
public final class IntakeFullException extends RuntimeException {

    public IntakeFullException(String message) {
        super(message);
    }
}
