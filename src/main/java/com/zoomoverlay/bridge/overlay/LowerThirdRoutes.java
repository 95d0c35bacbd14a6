package com.zoomoverlay.bridge.overlay;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.events.Endpoints;
import com.zoomoverlay.bridge.json.Json;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:reshape-lower-third}: turns a participant join into the small JSON a graphics system
 * shows as a lower third. Built in Java so names with quotes or emoji stay valid JSON; other events
 * pass through unchanged.
 */
public final class LowerThirdRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(Endpoints.RESHAPE_LOWER_THIRD).routeId("overlay-reshape-lower-third").process(LowerThirdRoutes::reshape);
    }

    static void reshape(Exchange exchange) throws Exception {
        JsonNode event = Json.MAPPER.readTree(exchange.getMessage().getBody(String.class));
        if (!"meeting.participant_joined".equals(event.path("event").asText())
                && !"webinar.participant_joined".equals(event.path("event").asText())) {
            return;
        }
        JsonNode object = event.path("payload").path("object");
        Map<String, Object> lowerThird = new LinkedHashMap<>();
        lowerThird.put("type", "lower_third");
        lowerThird.put("name", object.path("participant").path("user_name").asText(""));
        lowerThird.put("meeting", object.path("topic").asText(""));
        lowerThird.put("meetingId", object.path("id").asText(""));
        lowerThird.put("eventTs", event.path("event_ts").asLong());
        exchange.getMessage().setBody(Json.MAPPER.writeValueAsString(lowerThird));
    }
}
