package com.zoomoverlay.bridge.accept;

/** What the intake did with an event: stored (and, on the leader, routed) in a committed batch, or dropped as a repeat. */
public enum Acceptance {
    STORED,
    DUPLICATE
}
