package com.zoomoverlay.bridge.accept;

/** The event cannot be stored as it is (e.g. an event type longer than Zoom ever sends); {@link #reason()} is a metric tag. */
public final class InvalidEventException extends RuntimeException {

    private final String reason;

    public InvalidEventException(String reason) {
        super("event refused: " + reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
