package com.zoomoverlay.bridge.outputs.casparcg;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.outputs.common.Instructions;

/**
 * What one delivery does in CasparCG: one template command on a channel-layer and CG layer.
 * <pre>{"channel":1,"layer":20,"cgLayer":1,"action":"add","template":"lower-third","playOnLoad":true,"data":{"name":"Ada"}}</pre>
 * {@code data} is JSON the HTML template's {@code update()} receives; {@code add} and {@code update} carry it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CasparInstruction(int channel, int layer, int cgLayer, String action, String template,
        Boolean playOnLoad, JsonNode data) {

    public static final List<String> ACTIONS = List.of("add", "update", "play", "stop", "next", "remove", "clear");
    private static final Pattern TEMPLATE = Pattern.compile("[A-Za-z0-9_./ -]{1,200}");

    public CasparInstruction {
        if (channel < 1 || channel > 99 || layer < 0 || layer > 9999 || cgLayer < 0 || cgLayer > 9999) {
            throw new IllegalArgumentException("channel must be 1-99, layer and cgLayer 0-9999");
        }
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("action must be one of " + ACTIONS);
        }
        if ("add".equals(action) && (template == null || !TEMPLATE.matcher(template).matches())) {
            throw new IllegalArgumentException("add needs a template name (letters, digits, space, _ . / -)");
        }
        if ("update".equals(action) && data == null) {
            throw new IllegalArgumentException("update needs data");
        }
        if (data != null && !data.isObject()) {
            throw new IllegalArgumentException("data must be a JSON object");
        }
    }

    /** The AMCP command line, without its CRLF. */
    public String command() {
        String target = "CG " + channel + "-" + layer + " ";
        return switch (action) {
            case "add" -> target + "ADD " + cgLayer + " " + Amcp.quote(template) + " " + (Boolean.FALSE.equals(playOnLoad) ? 0 : 1)
                    + (data == null ? "" : " " + Amcp.quote(Instructions.write(data)));
            case "update" -> target + "UPDATE " + cgLayer + " " + Amcp.quote(Instructions.write(data));
            case "clear" -> target + "CLEAR";
            default -> target + action.toUpperCase(java.util.Locale.ROOT) + " " + cgLayer;
        };
    }
}
