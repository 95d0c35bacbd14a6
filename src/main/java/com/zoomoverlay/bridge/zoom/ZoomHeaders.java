package com.zoomoverlay.bridge.zoom;

/** Headers the consumer puts on every decoded event, for YAML routes to filter and route on. */
public final class ZoomHeaders {

    /** Zoom's event type, e.g. {@code meeting.participant_joined}. */
    public static final String EVENT_TYPE = "ZoomEventType";
    /** {@code payload.account_id}. */
    public static final String ACCOUNT_ID = "ZoomAccountId";
    /** {@code payload.object.id}: the meeting or webinar number. */
    public static final String MEETING_ID = "ZoomMeetingId";
    /** {@code event_ts}: when Zoom produced the event, epoch milliseconds. */
    public static final String EVENT_TS = "ZoomEventTs";
    /** SHA-256 of the event, the idempotent consumer's key (repeats within the window are dropped). */
    public static final String EVENT_HASH = "ZoomEventHash";

    private ZoomHeaders() {
    }
}
