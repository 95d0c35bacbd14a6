package com.zoomoverlay.bridge.outputs.vmix;

import java.util.LinkedHashMap;
import java.util.Map;

import com.zoomoverlay.bridge.outputs.common.EventFields;
import com.zoomoverlay.bridge.outputs.common.Instructions;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The {@code vmix-sink} Kamelet's shaping step: turns the event into a {@link VmixInstruction} from the
 * parameters the Kamelet put in {@code Vmix*} headers. {@code In} sets the fields and brings the input in;
 * {@code Out} and {@code Off} only take it off (the fields keep their text for the next time).
 */
public final class VmixShape implements Processor {

    @Override
    public void process(Exchange exchange) {
        EventFields event = EventFields.of(exchange);
        String input = EventFields.parameter(exchange, "VmixInput");
        String action = EventFields.parameter(exchange, "VmixOverlayAction");
        int overlay = Integer.parseInt(EventFields.parameter(exchange, "VmixOverlay"));
        Map<String, String> fields = new LinkedHashMap<>();
        if ("In".equals(action) || overlay == 0) {
            putField(fields, EventFields.parameter(exchange, "VmixNameField"), event.text(EventFields.parameter(exchange, "VmixName")));
            putField(fields, EventFields.parameter(exchange, "VmixTitleField"), event.text(EventFields.parameter(exchange, "VmixTitle")));
        }
        VmixInstruction.Overlay channel = overlay == 0 ? null : new VmixInstruction.Overlay(overlay, action);
        exchange.getMessage().setBody(Instructions.write(new VmixInstruction(input, fields, channel)));
    }

    private static void putField(Map<String, String> fields, String field, String value) {
        if (!field.isEmpty()) {
            fields.put(field, value);
        }
    }
}
