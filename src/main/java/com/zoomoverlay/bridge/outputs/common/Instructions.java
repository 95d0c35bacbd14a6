package com.zoomoverlay.bridge.outputs.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.zoomoverlay.bridge.json.Json;

/**
 * Reads and writes the small JSON instructions a Kamelet hands to a graphics target's sender (stored in the
 * outbox as the delivery body). A body that is not a valid instruction is the route's mistake: retrying
 * cannot fix it, so senders reject it at once.
 */
public final class Instructions {

    private Instructions() {
    }

    public static <T> T read(String body, Class<T> type) {
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    public static String write(Object instruction) {
        try {
            return Json.MAPPER.writeValueAsString(instruction);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + instruction.getClass().getSimpleName(), e);
        }
    }
}
