package com.zoomoverlay.bridge.delivery;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.events.EventKeys;
import com.zoomoverlay.bridge.http.HttpReplies;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Makes an accepted event durable before the routes see it, and gives it its stable {@code ZoomEventId}.
 * A repeat of an event that was already routed stops here.
 */
public final class EventAcceptor {

    private static final String[] CARRIED = {EventHeaders.EVENT_TYPE, EventHeaders.ACCOUNT_ID, EventHeaders.MEETING_ID,
            EventHeaders.EVENT_TS, EventHeaders.TRANSPORT};

    private final EventInbox inbox;
    private final Clock clock;
    /** Events between store and routed in this process: recovery leaves them to the accept route. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public EventAcceptor(EventInbox inbox, Clock clock) {
        this.inbox = inbox;
        this.clock = clock;
    }

    /** Stores the event; stops the route when it is a repeat of one already routed. */
    public void accept(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        String body = in.getBody(String.class);
        // The transport computed the id once (it knows the canonical form); bodies sent here by hand get one now.
        String eventId = in.getHeader(EventHeaders.EVENT_ID, () -> EventKeys.eventId(body), String.class);
        String type = in.getHeader(EventHeaders.EVENT_TYPE, "unknown", String.class);
        // Marked before it is stored, so the recovery route never sees it stored and unclaimed.
        inFlight.add(eventId);
        boolean fresh = inbox.store(eventId, type, HttpReplies.JSON.writeValueAsString(carried(in)), body, clock.instant());
        in.setHeader(EventHeaders.EVENT_ID, eventId);
        if (!fresh && inbox.isRouted(eventId)) {
            inFlight.remove(eventId);
            exchange.setRouteStop(true);
        }
    }

    public void markRouted(Exchange exchange) {
        String eventId = exchange.getMessage().getHeader(EventHeaders.EVENT_ID, String.class);
        inbox.markRouted(eventId, clock.instant());
        inFlight.remove(eventId);
    }

    /** Routing failed: the event stays stored and unrouted, for the recovery route. */
    public void routingFailed(Exchange exchange) {
        inFlight.remove(exchange.getMessage().getHeader(EventHeaders.EVENT_ID, String.class));
    }

    public boolean inFlight(String eventId) {
        return inFlight.contains(eventId);
    }

    /** Restores a stored event onto an exchange, as it was when first accepted. */
    public static void restore(Exchange exchange, EventInbox.StoredEvent event) throws JsonProcessingException {
        Map<String, Object> headers = HttpReplies.JSON.readValue(event.headersJson(), new TypeReference<>() { });
        exchange.getMessage().setHeaders(new LinkedHashMap<>(headers));
        exchange.getMessage().setHeader(EventHeaders.EVENT_ID, event.eventId());
        exchange.getMessage().setBody(event.body());
    }

    private static Map<String, Object> carried(Message in) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (String name : CARRIED) {
            Object value = in.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }
}
