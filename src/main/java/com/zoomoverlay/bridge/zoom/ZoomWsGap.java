package com.zoomoverlay.bridge.zoom;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zoomoverlay.bridge.json.Json;

/**
 * A window in which Zoom events may be missing: from the last frame the lost connection carried (the
 * last moment it was known alive; a dead socket is only noticed a heartbeat timeout later) to the
 * {@code build_connection} of the next one. {@code reason} is why the connection ended, as the
 * supervisor described it (no token, no URL). {@code attempts} counts the reconnects it took and
 * {@code acceptToConnected} the time from the first upgrade Zoom accepted in the window to
 * {@code build_connection} (a 4700 refresh or a connection lost before it was built shows there).
 */
public record ZoomWsGap(Instant from, Instant to, String reason, int attempts, Duration acceptToConnected) {

    public static final String EVENT_TYPE = "bridge.gap";

    public Duration duration() {
        return Duration.between(from, to);
    }

    /** The {@code bridge.gap} event as downstream receives it (the contract's shape: from, to, reason). */
    String toEvent() {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("event", EVENT_TYPE);
        event.put("event_ts", to.toEpochMilli());
        ObjectNode payload = event.putObject("payload");
        payload.put("from", from.toString());
        payload.put("to", to.toString());
        payload.put("reason", reason);
        try {
            return Json.MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a gap event is always serializable", e);
        }
    }

    /** One entry of {@code gaps.last} in {@code GET /ws/status}. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", from.toString());
        json.put("to", to.toString());
        json.put("durationMs", duration().toMillis());
        json.put("reason", reason);
        json.put("attempts", attempts);
        json.put("acceptToConnectedMs", acceptToConnected == null ? null : acceptToConnected.toMillis());
        return json;
    }
}
