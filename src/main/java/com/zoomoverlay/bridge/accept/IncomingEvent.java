package com.zoomoverlay.bridge.accept;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.zoomoverlay.bridge.events.EventKeys;
import com.zoomoverlay.bridge.json.Json;

/**
 * One event handed to the {@link EventIntake} by a transport. {@code eventId} is the transport's
 * {@code ZoomEventId}; {@code reroute} marks an event already stored that must be routed (again): one
 * stored by a replica that was not the leader, or a replayed {@code routing_failed} dead letter.
 * {@code tree} is {@code body} parsed once, where the event arrived (read it, never change it); null when the
 * body is no JSON object.
 */
public record IncomingEvent(String eventId, String eventType, String transport, String body, Long eventTs,
        String accountId, String meetingId, boolean reroute, JsonNode tree) {

    /** An event known only by its JSON (a dead letter the store refused): its id and headers from the body. */
    public static IncomingEvent fromBody(String body, String eventType, String transport) {
        return fromBody(EventKeys.eventId(body), body, eventType, transport, false);
    }

    /** An event from its JSON and what was kept beside it (a stored event): the routing headers from the body. */
    public static IncomingEvent fromBody(String eventId, String body, String eventType, String transport,
                                         boolean reroute) {
        JsonNode tree = objectOf(body);
        JsonNode event = tree != null ? tree : MissingNode.getInstance();
        JsonNode ts = event.path("event_ts");
        JsonNode payload = event.path("payload");
        return new IncomingEvent(eventId, eventType, transport, body, ts.canConvertToLong() ? ts.asLong() : null,
                text(payload.path("account_id")), text(payload.path("object").path("id")), reroute, tree);
    }

    /** {@code body} parsed, when it is a JSON object; null otherwise (the intake refuses it with its own reason). */
    static JsonNode objectOf(String body) {
        try {
            JsonNode parsed = Json.MAPPER.readTree(body);
            return parsed != null && parsed.isObject() ? parsed : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    public IncomingEvent rerouted() {
        return new IncomingEvent(eventId, eventType, transport, body, eventTs, accountId, meetingId, true, tree);
    }
}
