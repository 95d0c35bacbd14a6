package com.zoomoverlay.bridge.accept;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.events.EventKeys;
import com.zoomoverlay.bridge.events.ParsedEvent;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * {@code direct:zoom-accept}: hands the event to the {@link EventIntake} and completes the exchange,
 * asynchronously, once its batch has committed: {@code ZoomDuplicate=true} for a repeat, the
 * exception when it was refused. A caller waiting on the exchange (a webhook's answer) waits exactly
 * until the event is durable; the WebSocket consumer does not wait at all.
 */
public final class AcceptProcessor extends AsyncProcessorSupport {

    private static final Set<String> TRANSPORTS = Set.of("websocket", "webhook", "bridge");

    private final EventIntake intake;
    private final List<ArrivalListener> arrivals;

    public AcceptProcessor(EventIntake intake) {
        this(intake, List.of());
    }

    AcceptProcessor(EventIntake intake, List<ArrivalListener> arrivals) {
        this.intake = intake;
        this.arrivals = arrivals;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        IncomingEvent event;
        try {
            event = incoming(exchange.getMessage());
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        exchange.getMessage().setHeader(EventHeaders.EVENT_ID, event.eventId());
        intake.submit(event).whenComplete((acceptance, error) -> {
            if (error != null) {
                exchange.setException(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            } else {
                if (acceptance == Acceptance.DUPLICATE) {
                    exchange.getMessage().setHeader(EventHeaders.DUPLICATE, true);
                }
                heard(event, acceptance);
            }
            callback.done(false);
        });
        return false;
    }

    private void heard(IncomingEvent event, Acceptance acceptance) {
        for (ArrivalListener listener : arrivals) {
            try {
                listener.arrived(event.eventId(), event.transport(), acceptance);
            } catch (RuntimeException e) {
                // a counting listener must never fail the transport's answer
            }
        }
    }

    static IncomingEvent incoming(Message in) {
        String body = in.getBody(String.class);
        if (body == null) {
            throw new InvalidEventException("empty_body");
        }
        String id = in.getHeader(EventHeaders.EVENT_ID, String.class);
        String transport = in.getHeader(EventHeaders.TRANSPORT, "websocket", String.class);
        return new IncomingEvent(id != null ? id : EventKeys.eventId(body),
                in.getHeader(EventHeaders.EVENT_TYPE, "unknown", String.class),
                TRANSPORTS.contains(transport) ? transport : "other", body,
                in.getHeader(EventHeaders.EVENT_TS, Long.class),
                in.getHeader(EventHeaders.ACCOUNT_ID, String.class),
                in.getHeader(EventHeaders.MEETING_ID, String.class), false, tree(in, body));
    }

    /**
     * The body parsed: the transport's tree when it carried one, else parsed here, on the caller's thread, so
     * the intake's single thread (which the show state reads it on) does not. Null when the body is no object.
     */
    private static JsonNode tree(Message in, String body) {
        JsonNode carried = ParsedEvent.treeOf(in.getExchange(), body);
        return carried != null ? carried : IncomingEvent.objectOf(body);
    }
}
