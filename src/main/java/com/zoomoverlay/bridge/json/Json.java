package com.zoomoverlay.bridge.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The bridge's one Jackson mapper, for every JSON it reads or writes: HTTP replies and errors, Zoom
 * frames and webhooks, token responses and stored token records, graphics instructions. An
 * {@code ObjectMapper} is thread-safe once configured and costly to make, so there is one; never
 * reconfigure it after start (copy it if something needs other settings).
 *
 * <ul>
 *   <li>{@code FAIL_ON_UNKNOWN_PROPERTIES} on (Jackson's default, stated because {@code Instructions}
 *       relies on it): a field a record does not have is a mistake to report, not to drop.</li>
 *   <li>{@code FAIL_ON_EMPTY_BEANS} off: a reply object without properties renders as {@code {}}
 *       instead of failing the request.</li>
 * </ul>
 *
 * The one deliberate exception is {@code events.EventKeys}'s canonical mapper: an event id is a hash of
 * its output, so that output is part of the id's definition and must not follow changes made here.
 */
public final class Json {

    /** The media type of every JSON body the bridge sends or answers with. */
    public static final String CONTENT_TYPE = "application/json";

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {
    }
}
