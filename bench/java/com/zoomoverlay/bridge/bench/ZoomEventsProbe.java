package com.zoomoverlay.bridge.bench;

import com.zoomoverlay.bridge.events.Endpoints;
import com.zoomoverlay.bridge.events.EventHeaders;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Sees every exchange sent to {@code direct:zoom-events} (the engineers' routes), without changing
 * any route: a Camel event notifier on "sending", i.e. after decode, dedupe and the durable inbox.
 */
final class ZoomEventsProbe extends EventNotifierSupport {

    private static final String URI = Endpoints.ZOOM_EVENTS.replace("direct:", "direct://");

    private final LatencyRecorder arrivals;

    ZoomEventsProbe(LatencyRecorder arrivals) {
        this.arrivals = arrivals;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeSendingEvent sending && sending.getEndpoint().getEndpointUri().startsWith(URI);
    }

    @Override
    public void notify(CamelEvent event) {
        Long ts = ((ExchangeSendingEvent) event).getExchange().getMessage().getHeader(EventHeaders.EVENT_TS, Long.class);
        if (ts != null) {
            arrivals.arrived(ts);
        }
    }
}
