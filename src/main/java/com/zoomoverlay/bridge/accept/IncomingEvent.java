package com.zoomoverlay.bridge.accept;

import com.zoomoverlay.bridge.json.Json;

/**
 * One event handed to the {@link EventIntake} by a transport. {@code eventId} is the transport's
 * {@code ZoomEventId}; {@code reroute} marks an event already stored that must be routed (again): one
 * stored by a replica that was not the leader, or a replayed {@code routing_failed} dead letter.
 * {@code tree} is {@code body} parsed when the transport had it (read it, never change it), else null.
 */
public record IncomingEvent(String eventId, String eventType, String transport, String body, Long eventTs,
        String accountId, String meetingId, boolean reroute, com.fasterxml.jackson.databind.JsonNode tree) {

    public IncomingEvent(String eventId, String eventType, String transport, String body, Long eventTs,
                         String accountId, String meetingId, boolean reroute) {
        this(eventId, eventType, transport, body, eventTs, accountId, meetingId, reroute, null);
    }

    /** An event known only by its JSON (a dead letter the store refused): its id and headers from the body. */
    public static IncomingEvent fromBody(String body, String eventType, String transport) {
        com.fasterxml.jackson.databind.JsonNode event;
        try {
            event = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            event = Json.MAPPER.createObjectNode();
        }
        var ts = event.path("event_ts");
        var payload = event.path("payload");
        return new IncomingEvent(com.zoomoverlay.bridge.events.EventKeys.eventId(body), eventType, transport, body,
                ts.canConvertToLong() ? ts.asLong() : null, text(payload.path("account_id")),
                text(payload.path("object").path("id")), false, event.isObject() ? event : null);
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    public IncomingEvent rerouted() {
        return new IncomingEvent(eventId, eventType, transport, body, eventTs, accountId, meetingId, true, tree);
    }
}
