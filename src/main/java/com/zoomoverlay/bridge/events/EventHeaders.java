package com.zoomoverlay.bridge.events;

/** Headers every event carries from its transport to the engineers' routes (documented in {@code routes/README.md}). */
public final class EventHeaders {

    /** Zoom's event type, e.g. {@code meeting.participant_joined}; bridge-made events start with {@code bridge.}. */
    public static final String EVENT_TYPE = "ZoomEventType";
    /** {@code payload.account_id}. */
    public static final String ACCOUNT_ID = "ZoomAccountId";
    /** {@code payload.object.id}: the meeting or webinar number. */
    public static final String MEETING_ID = "ZoomMeetingId";
    /** {@code event_ts}: when Zoom produced the event, epoch milliseconds. */
    public static final String EVENT_TS = "ZoomEventTs";
    /**
     * The bridge's stable id of the event ({@link EventKeys#eventId}): the same for the same Zoom event
     * whichever transport brought it, so repeats are dropped.
     */
    public static final String EVENT_ID = "ZoomEventId";
    /** Which transport delivered the event first: {@code websocket}, {@code webhook} or {@code bridge}. */
    public static final String TRANSPORT = "ZoomTransport";
    /** Set to {@code true} on the reply of {@link Endpoints#ZOOM_ACCEPT} when the event was a repeat. */
    public static final String DUPLICATE = "ZoomDuplicate";
    /** The delivery target a building block sends to (none = {@code default}). */
    public static final String TARGET = "WebhookTarget";

    private EventHeaders() {
    }
}
