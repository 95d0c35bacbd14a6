package com.zoomoverlay.bridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Zoom event as every transport hands it on: unwrapped to {@code {"event","event_ts","payload"}}
 * (what downstream receives), with its routing fields and its {@link EventKeys#eventId(JsonNode) id}.
 * The Event WebSocket decoder and the webhook ingress both build it here, so the same Zoom event gets
 * the same body and the same id whichever way it came. {@code tree} is {@code body} parsed (read it, never change it).
 */
public record ZoomEvent(String body, String type, String accountId, String meetingId, Long eventTs, String id,
        JsonNode tree) {

    /** The event in {@code node}, or null when it is not one (not an object, or no textual {@code event}). */
    public static ZoomEvent of(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode type = node.path("event");
        if (!type.isTextual() || type.asText().isBlank()) {
            return null;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("event", type);
        body.set("event_ts", node.path("event_ts").isMissingNode() ? null : node.get("event_ts"));
        body.set("payload", node.path("payload").isMissingNode() ? JsonNodeFactory.instance.objectNode() : node.get("payload"));
        JsonNode payload = body.get("payload");
        JsonNode ts = body.get("event_ts");
        return new ZoomEvent(body.toString(), type.asText(), text(payload.path("account_id")),
                text(payload.path("object").path("id")), ts.canConvertToLong() ? ts.asLong() : null, EventKeys.eventId(body), body);
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
