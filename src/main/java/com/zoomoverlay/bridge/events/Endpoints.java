package com.zoomoverlay.bridge.events;

/**
 * The named endpoints where the bridge's parts meet, as {@code routes/README.md} documents them. The
 * transports (Zoom WebSocket, Zoom webhooks, bridge-made events) send to {@link #ZOOM_ACCEPT}; the
 * engineers' YAML routes consume {@link #ZOOM_EVENTS} and call the building blocks.
 */
public final class Endpoints {

    /** Every event a transport accepted: made durable and deduplicated, then routed to {@link #ZOOM_EVENTS}. */
    public static final String ZOOM_ACCEPT = "direct:zoom-accept";
    /** Each stored, deduplicated event once, in order: the engineers' routes start here. */
    public static final String ZOOM_EVENTS = "direct:zoom-events";
    /** Building block: a durable, signed delivery of the body to the target named in {@link EventHeaders#TARGET}. */
    public static final String DELIVER_WEBHOOK = "direct:deliver-webhook";
    /** Building block: the body to every browser on {@code WS /overlay/events}. */
    public static final String OVERLAY_BROADCAST = "direct:overlay-broadcast";
    /** Building block: a participant join reshaped into a lower third. */
    public static final String RESHAPE_LOWER_THIRD = "direct:reshape-lower-third";

    private Endpoints() {
    }
}
