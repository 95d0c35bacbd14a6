package com.zoomoverlay.bridge.outputs.vmix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one delivery does in vMix: set text fields of a title input ({@code SetText} per field, in order),
 * then optionally bring the input in or out on an overlay channel ({@code OverlayInput<n>In|Out|Off}).
 * <pre>{"input":"LowerThird","fields":{"Name.Text":"Ada"},"overlay":{"number":1,"action":"In"}}</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VmixInstruction(String input, Map<String, String> fields, Overlay overlay) {

    public static final List<String> ACTIONS = List.of("In", "Out", "Off");

    /** An overlay channel (1-4) and what to do with it. */
    public record Overlay(int number, String action) {
    }

    public VmixInstruction {
        fields = fields == null ? Map.of() : new LinkedHashMap<>(fields);
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("a vMix instruction needs an input");
        }
        if (overlay != null && (overlay.number() < 1 || overlay.number() > 4 || !ACTIONS.contains(overlay.action()))) {
            throw new IllegalArgumentException("overlay must be number 1-4 with action In, Out or Off");
        }
        if (fields.isEmpty() && overlay == null) {
            throw new IllegalArgumentException("a vMix instruction sets fields, an overlay, or both");
        }
    }

    /** The vMix functions this instruction calls, in order, each as its query parameters. */
    public List<Map<String, String>> calls() {
        List<Map<String, String>> calls = new java.util.ArrayList<>();
        fields.forEach((field, value) -> calls.add(ordered("Function", "SetText", "Input", input,
                "SelectedName", field, "Value", value == null ? "" : value)));
        if (overlay != null) {
            calls.add(ordered("Function", "OverlayInput" + overlay.number() + overlay.action(), "Input", input));
        }
        return calls;
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
