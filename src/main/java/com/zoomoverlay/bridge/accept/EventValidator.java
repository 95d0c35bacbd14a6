package com.zoomoverlay.bridge.accept;

import java.util.regex.Pattern;

/**
 * What the store and the routes need of an event before it is accepted: an id and a type of the shape
 * Zoom sends (type names are short dotted words, e.g. {@code meeting.participant_joined}), and a body.
 * An event outside that is refused with a reason (counted, and the transport tells its sender), never
 * stored half-way or retried forever.
 */
final class EventValidator {

    /** Zoom's longest event names are around 50 characters; the column holds 128. */
    static final int MAX_TYPE_LENGTH = 128;
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.\\-]{1," + MAX_TYPE_LENGTH + "}");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    /** Null when the event can be stored; else the reason (a metric tag, bounded). */
    String refusal(IncomingEvent event) {
        if (event.body() == null || event.body().isEmpty()) {
            return "empty_body";
        }
        if (event.eventType() == null || !TYPE.matcher(event.eventType()).matches()) {
            return event.eventType() != null && event.eventType().length() > MAX_TYPE_LENGTH
                    ? "event_type_too_long" : "bad_event_type";
        }
        if (!isEventId(event.eventId())) {
            return "bad_event_id";
        }
        return null;
    }

    /** Whether {@code id} has the shape of {@code EventKeys.eventId}: 64 lower-case hex digits. */
    static boolean isEventId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
