package com.zoomoverlay.bridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;

/**
 * An event body with the tree it was written from, carried on the exchange from the transport that parsed
 * the event to the intake, so the show state does not parse every event a second time (under a burst that
 * second parse was a tenth of the intake thread's time). An exchange property, not a header: headers go out
 * with an engineer's {@code http:} step.
 */
public record ParsedEvent(String body, JsonNode tree) {

    public static final String PROPERTY = "ZoomParsedEvent";

    /** Puts {@code tree} (what {@code body} is the JSON text of) on the exchange. */
    public static void attach(Exchange exchange, String body, JsonNode tree) {
        if (tree != null) {
            exchange.setProperty(PROPERTY, new ParsedEvent(body, tree));
        }
    }

    /**
     * The tree of {@code body}, or null. Only for that very string: a route step that replaced the body
     * (even with equal text) gets none, and its event is parsed from the body as before.
     */
    public static JsonNode treeOf(Exchange exchange, String body) {
        Object carried = exchange == null ? null : exchange.getProperty(PROPERTY);
        return carried instanceof ParsedEvent parsed && parsed.body == body ? parsed.tree : null;
    }
}
