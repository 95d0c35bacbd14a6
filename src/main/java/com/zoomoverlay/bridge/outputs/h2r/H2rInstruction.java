package com.zoomoverlay.bridge.outputs.h2r;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one delivery does in H2R Graphics: update one graphic's content and optionally take it on or off
 * air, in one {@code POST graphic/<id>/update} whose body is {@code fields} plus {@code status}.
 * <pre>{"graphic":"ab12","fields":{"line_one":"Ada","line_two":"Keynote"},"status":"coming"}</pre>
 * {@code fields} is whatever the graphic takes (H2R's "Copy body JSON" shows it): a lower third
 * {@code line_one}/{@code line_two}, a message {@code body}, a ticker {@code title} and {@code items}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record H2rInstruction(String graphic, Map<String, Object> fields, String status) {

    /** H2R's graphic states: on air, off air, and the cue states. */
    public static final List<String> STATUSES = List.of("coming", "going", "toggle", "cued", "cuedoff");
    static final Pattern GRAPHIC_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public H2rInstruction {
        fields = fields == null ? Map.of() : new LinkedHashMap<>(fields);
        if (graphic == null || !GRAPHIC_ID.matcher(graphic).matches()) {
            throw new IllegalArgumentException("an H2R instruction needs a graphic id (letters, digits, - and _)");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + STATUSES);
        }
        if (fields.containsKey("status")) {
            throw new IllegalArgumentException("put the graphic's status in status, not in fields");
        }
        if (fields.isEmpty() && status == null) {
            throw new IllegalArgumentException("an H2R instruction updates fields, a status, or both");
        }
    }

    /** The body of the update call. */
    public Map<String, Object> updateBody() {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        if (status != null) {
            body.put("status", status);
        }
        return body;
    }
}
