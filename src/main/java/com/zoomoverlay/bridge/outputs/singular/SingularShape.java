package com.zoomoverlay.bridge.outputs.singular;

import java.util.LinkedHashMap;
import java.util.Map;

import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.outputs.common.EventFields;
import com.zoomoverlay.bridge.outputs.common.Instructions;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The {@code singular-sink} Kamelet's shaping step: the data stream payload
 * {@code {"event","name","text","topic","meetingId","eventTs"}} from the event and the {@code Singular*} headers.
 */
public final class SingularShape implements Processor {

    @Override
    public void process(Exchange exchange) {
        EventFields event = EventFields.of(exchange);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", event.text("$.event"));
        payload.put("name", event.text(EventFields.parameter(exchange, "SingularName")));
        payload.put("text", event.text(EventFields.parameter(exchange, "SingularText")));
        payload.put("topic", event.text(EventFields.parameter(exchange, "SingularTopic")));
        payload.put("meetingId", exchange.getMessage().getHeader(EventHeaders.MEETING_ID, event.text("$.payload.object.id"), String.class));
        payload.put("eventTs", exchange.getMessage().getHeader(EventHeaders.EVENT_TS, Long.class));
        exchange.getMessage().setBody(Instructions.write(payload));
    }
}
