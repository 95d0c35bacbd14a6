package com.zoomoverlay.bridge.outputs.h2r;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.zoomoverlay.bridge.outputs.common.EventFields;
import com.zoomoverlay.bridge.outputs.common.Instructions;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The {@code h2r-sink} Kamelet's shaping step: an {@link H2rInstruction} from the {@code H2r*} headers. A
 * lower third gets {@code line_one}/{@code line_two}, a message {@code body}, a ticker {@code title} and
 * {@code items} (one per value of the items JSONPath, as H2R's ticker holds them).
 */
public final class H2rShape implements Processor {

    @Override
    public void process(Exchange exchange) {
        EventFields event = EventFields.of(exchange);
        String mode = EventFields.parameter(exchange, "H2rMode");
        String lineOne = event.text(EventFields.parameter(exchange, "H2rLineOne"));
        Map<String, Object> fields = new LinkedHashMap<>();
        switch (mode) {
            case "message" -> fields.put("body", lineOne);
            case "ticker" -> {
                fields.put("title", lineOne);
                List<Map<String, String>> items = new ArrayList<>();
                List<String> values = event.texts(EventFields.parameter(exchange, "H2rItems"));
                for (int i = 0; i < values.size(); i++) {
                    items.add(Map.of("title", "Item " + (i + 1), "body", values.get(i)));
                }
                fields.put("items", items);
            }
            default -> {
                fields.put("line_one", lineOne);
                fields.put("line_two", event.text(EventFields.parameter(exchange, "H2rLineTwo")));
            }
        }
        String status = EventFields.parameter(exchange, "H2rStatus");
        exchange.getMessage().setBody(Instructions.write(new H2rInstruction(EventFields.parameter(exchange, "H2rGraphic"),
                fields, "none".equals(status) ? null : status)));
    }
}
