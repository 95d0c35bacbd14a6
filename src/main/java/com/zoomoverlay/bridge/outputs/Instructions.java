package com.zoomoverlay.bridge.outputs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the small JSON instructions a Kamelet hands to a graphics target's sender (stored in the
 * outbox as the delivery body). A body that is not a valid instruction is the route's mistake: retrying
 * cannot fix it, so senders reject it at once.
 */
public final class Instructions {

    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Instructions() {
    }

    public static <T> T read(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    public static String write(Object instruction) {
        try {
            return JSON.writeValueAsString(instruction);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + instruction.getClass().getSimpleName(), e);
        }
    }
}
