package com.zoomoverlay.bridge.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zoomoverlay.bridge.digest.Sha256;

/**
 * Stable ids: the same event always gets the same id, so repeats, retries, re-routing and the same
 * Zoom event arriving by both transports (Event WebSocket and webhook) can be deduplicated.
 */
public final class EventKeys {

    /**
     * Compact, keys sorted at every level: the form an id is computed from. Deliberately not the app's
     * {@code json.Json} mapper: an id is a hash of this mapper's output, so its settings are part of the id's
     * definition (stored ids and the two transports must keep agreeing), and sorting every JSON the bridge
     * writes would reorder replies for nothing.
     */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private EventKeys() {
    }

    /**
     * The id of an event from its JSON text. The id is taken over the canonical form
     * ({@link #eventId(JsonNode)}), so two transports that serialize the same event with other
     * spacing or key order agree; text that is not JSON is hashed as it is.
     */
    public static String eventId(String json) {
        try {
            return eventId(CANONICAL.readTree(json));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Sha256.hex(json);
        }
    }

    /**
     * The id of a parsed event: SHA-256 of {@code event}, {@code event_ts} and {@code payload} with keys
     * sorted at every level and no spacing. Anything else in Zoom's envelope (a webhook and a WebSocket
     * frame wrap the same event differently) does not change the id.
     */
    public static String eventId(JsonNode event) {
        if (event == null) {
            return Sha256.hex("");
        }
        JsonNode identity = event;
        if (event.isObject() && event.has("event")) {
            ObjectNode core = CANONICAL.createObjectNode();
            core.set("event", event.get("event"));
            core.set("event_ts", event.path("event_ts").isMissingNode() ? null : event.get("event_ts"));
            core.set("payload", event.path("payload").isMissingNode() ? CANONICAL.createObjectNode() : event.get("payload"));
            identity = core;
        }
        try {
            return Sha256.hex(CANONICAL.writeValueAsString(identity));
        } catch (JsonProcessingException e) {
            return Sha256.hex(event.toString());
        }
    }

    /**
     * The store's compact key of an event id: its first 8 bytes as a number. Short keys keep the store's
     * dedupe index small; the full id is stored beside it and compared, so a key collision is never
     * taken for a repeat.
     */
    public static long storeKey(String eventId) {
        return Long.parseUnsignedLong(eventId.substring(0, 16), 16);
    }

    /** The Standard Webhooks {@code webhook-id} of an event for a target: the same on every retry. */
    public static String webhookId(String eventId, String target) {
        return "msg_" + Sha256.hex(eventId + "|" + target).substring(0, 32);
    }
}
