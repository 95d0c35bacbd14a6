package com.zoomoverlay.bridge.zoom;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.events.ZoomEvent;
import com.zoomoverlay.bridge.json.Json;

/**
 * Turns an Event WebSocket text frame into a {@link ZoomFrame}. Zoom double-encodes events: the
 * frame is {@code {"module":"message","content":"<event JSON as a string>"}}, so content is parsed
 * a second time. Nothing here throws on bad input; bad frames come back as {@link ZoomFrame.Rejected}.
 */
public final class ZoomFrameDecoder {


    private final int maxFrameBytes;

    public ZoomFrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    public ZoomFrame decode(String text) {
        if (utf8Length(text) > maxFrameBytes) {
            return new ZoomFrame.Rejected(ZoomFrame.Kind.OVERSIZED);
        }
        JsonNode frame = parse(text);
        if (frame == null || !frame.isObject()) {
            return new ZoomFrame.Rejected(ZoomFrame.Kind.NOT_JSON);
        }
        return switch (frame.path("module").asText("")) {
            case "build_connection" -> new ZoomFrame.BuildConnection(frame.path("success").asBoolean(false));
            case "heartbeat" -> new ZoomFrame.HeartbeatReply();
            case "message" -> event(frame.path("content"));
            default -> new ZoomFrame.Rejected(ZoomFrame.Kind.UNKNOWN_MODULE);
        };
    }

    private ZoomFrame event(JsonNode content) {
        // Normally a string holding JSON; tolerate an object in case Zoom ever stops double-encoding.
        JsonNode event = content.isTextual() ? parse(content.asText()) : content;
        if (event == null || !event.isObject()) {
            return new ZoomFrame.Rejected(ZoomFrame.Kind.CONTENT_NOT_JSON);
        }
        ZoomEvent unwrapped = ZoomEvent.of(event);
        if (unwrapped == null) {
            return new ZoomFrame.Rejected(ZoomFrame.Kind.NOT_AN_EVENT);
        }
        // The webhook ingress unwraps through the same ZoomEvent, so both transports agree on body and id.
        return new ZoomFrame.Event(unwrapped.body(), unwrapped.type(), unwrapped.accountId(), unwrapped.meetingId(),
                unwrapped.eventTs(), unwrapped.id(), unwrapped.tree());
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    // Counting bytes only when the text could be over the limit keeps the common case cheap.
    private int utf8Length(String text) {
        if ((long) text.length() * 3 <= maxFrameBytes) {
            return text.length();
        }
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

}
