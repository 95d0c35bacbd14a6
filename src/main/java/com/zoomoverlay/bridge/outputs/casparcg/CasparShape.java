package com.zoomoverlay.bridge.outputs.casparcg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.outputs.common.EventFields;
import com.zoomoverlay.bridge.outputs.common.Instructions;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The {@code casparcg-sink} Kamelet's shaping step: a {@link CasparInstruction} from the {@code Caspar*}
 * headers; {@code add} and {@code update} carry the template data {@code {"name","title","text"}}.
 */
public final class CasparShape implements Processor {

    @Override
    public void process(Exchange exchange) {
        EventFields event = EventFields.of(exchange);
        String action = EventFields.parameter(exchange, "CasparAction");
        ObjectNode data = null;
        if ("add".equals(action) || "update".equals(action)) {
            data = Json.MAPPER.createObjectNode()
                    .put("name", event.text(EventFields.parameter(exchange, "CasparName")))
                    .put("title", event.text(EventFields.parameter(exchange, "CasparTitle")))
                    .put("text", event.text(EventFields.parameter(exchange, "CasparText")));
        }
        exchange.getMessage().setBody(Instructions.write(new CasparInstruction(
                number(exchange, "CasparChannel"), number(exchange, "CasparLayer"), number(exchange, "CasparCgLayer"),
                action, "add".equals(action) ? EventFields.parameter(exchange, "CasparTemplate") : null, "add".equals(action) ? true : null, data)));
    }

    private static int number(Exchange exchange, String header) {
        return Integer.parseInt(EventFields.parameter(exchange, header).trim());
    }
}
