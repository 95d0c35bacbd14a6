package com.zoomoverlay.bridge.accept;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomoverlay.bridge.events.ParsedEvent;
import com.zoomoverlay.bridge.events.ZoomEvent;
import com.zoomoverlay.bridge.json.Json;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The tree a transport parsed reaches the intake with its event, and only while the body is that event. */
class CarriedTreeTest {

    private static final String FRAME_CONTENT = "{\"event\":\"meeting.started\",\"event_ts\":1714586400000,"
            + "\"payload\":{\"account_id\":\"acc\",\"object\":{\"id\":\"84712\",\"topic\":\"Keynote\"}},\"extra\":1}";

    @Test
    void the_transports_tree_is_the_body_and_a_route_that_replaced_the_body_gets_its_own() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            ZoomEvent zoom = ZoomEvent.of(Json.MAPPER.readTree(FRAME_CONTENT));
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setBody(zoom.body());
            ParsedEvent.attach(exchange, zoom.body(), zoom.tree());

            IncomingEvent carried = AcceptProcessor.incoming(exchange.getMessage());
            assertThat(carried.tree()).isSameAs(zoom.tree());
            assertThat(carried.tree()).isEqualTo(Json.MAPPER.readTree(carried.body()));

            // a route step that set another body: the stale tree is not used, the new body is parsed
            exchange.getMessage().setBody(zoom.body().replace("meeting.started", "meeting.ended"));
            IncomingEvent replaced = AcceptProcessor.incoming(exchange.getMessage());
            assertThat(replaced.tree().path("event").asText()).isEqualTo("meeting.ended");
            // even the same text in a new string is parsed from the body: only the very string is trusted
            exchange.getMessage().setBody(new String(zoom.body()));
            assertThat(AcceptProcessor.incoming(exchange.getMessage()).tree()).isNotSameAs(zoom.tree())
                    .isEqualTo(zoom.tree());

            exchange.getMessage().setBody("not json");
            assertThat(AcceptProcessor.incoming(exchange.getMessage()).tree()).isNull();
            exchange.getMessage().setBody("[1,2]");
            assertThat(AcceptProcessor.incoming(exchange.getMessage()).tree()).isNull();
        }
    }

    @Test
    void a_rerouted_event_keeps_its_tree() throws Exception {
        IncomingEvent event = IncomingEvent.fromBody(FRAME_CONTENT, "meeting.started", "websocket");
        assertThat(event.tree().path("payload").path("object").path("topic").asText()).isEqualTo("Keynote");
        assertThat(event.rerouted().tree()).isSameAs(event.tree());
    }
}
