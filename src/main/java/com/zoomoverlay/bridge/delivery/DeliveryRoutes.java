package com.zoomoverlay.bridge.delivery;

import java.time.Clock;
import java.util.Map;

import com.zoomoverlay.bridge.cluster.ClusterModule;
import com.zoomoverlay.bridge.cluster.Leadership;
import com.zoomoverlay.bridge.events.Endpoints;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;

/**
 * The plumbing between the Zoom consumer, the engineers' YAML routes and the webhook targets:
 * accept (durable first), deliver-webhook (into the outbox), one dispatcher route per target,
 * recovery of events stored but never routed, and retention.
 */
public final class DeliveryRoutes extends RouteBuilder {

    private final EventAcceptor acceptor;
    private final EventInbox inbox;
    private final WebhookEnqueuer enqueuer;
    private final Map<String, WebhookDispatcher> dispatchers;
    private final Outbox outbox;
    private final DeliverySettings settings;
    private final Leadership leadership;
    private final Clock clock;

    public DeliveryRoutes(EventAcceptor acceptor, EventInbox inbox, WebhookEnqueuer enqueuer,
            Map<String, WebhookDispatcher> dispatchers, Outbox outbox, DeliverySettings settings,
            Leadership leadership, Clock clock) {
        this.acceptor = acceptor;
        this.inbox = inbox;
        this.enqueuer = enqueuer;
        this.dispatchers = dispatchers;
        this.outbox = outbox;
        this.settings = settings;
        this.leadership = leadership;
        this.clock = clock;
    }

    @Override
    public void configure() {
        ProducerTemplate recoveryProducer = getContext().createProducerTemplate();
        // The event is already durable when routing fails: leave it unrouted for the recovery route
        // instead of stalling the Zoom stream behind it.
        from(Endpoints.ZOOM_ACCEPT).routeId("zoom-events-accept")
                .process(acceptor::accept)
                .doTry()
                    .to(Endpoints.ZOOM_EVENTS)
                    .process(acceptor::markRouted)
                .doCatch(Exception.class)
                    .process(acceptor::routingFailed)
                    .log(LoggingLevel.WARN, "routing failed eventId=${header.ZoomEventId} event=${header.ZoomEventType} "
                            + "error=\"${exception.message}\" (kept; routed again by delivery-recover-unrouted)")
                .end();

        from(leadership.leaderOnly(ClusterModule.GROUP,
                "timer:delivery-recover?delay=1000&period=" + settings.recoveryInterval().toMillis()))
                .routeId("delivery-recover-unrouted")
                .process(exchange -> recoverUnrouted(recoveryProducer));

        from(Endpoints.DELIVER_WEBHOOK).routeId("deliver-webhook")
                .process(enqueuer::enqueue);

        dispatchers.forEach((name, dispatcher) ->
                from(leadership.leaderOnly(ClusterModule.GROUP, "scheduler:deliver-" + name
                        + "?delay=" + settings.pollInterval().toMillis() + "&initialDelay=500"))
                        .routeId("deliver-webhook-" + name)
                        .process(exchange -> dispatcher.dispatchDue()));

        from(leadership.leaderOnly(ClusterModule.GROUP, "scheduler:delivery-retention?delay=3600000&initialDelay=60000"))
                .routeId("delivery-retention")
                .process(exchange -> {
                    var cutoff = clock.instant().minus(settings.retention());
                    int deliveries = outbox.purgeDeliveredBefore(cutoff);
                    int events = inbox.purgeRoutedBefore(cutoff);
                    if (deliveries + events > 0) {
                        log.info("retention purged deliveries={} events={}", deliveries, events);
                    }
                });
    }

    /**
     * Routes events stored but never routed: a crash between store and route, or a failed route. Events
     * still on their way through the accept route are left to it.
     */
    private void recoverUnrouted(ProducerTemplate producer) throws Exception {
        for (EventInbox.StoredEvent event : inbox.unrouted(500)) {
            if (acceptor.inFlight(event.eventId())) {
                return; // everything after it is newer: keep order
            }
            if (inbox.isRouted(event.eventId())) {
                continue; // the accept route finished it since the list was read
            }
            Exchange exchange = getContext().getEndpoint(Endpoints.ZOOM_EVENTS).createExchange();
            EventAcceptor.restore(exchange, event);
            Exchange sent = producer.send(Endpoints.ZOOM_EVENTS, exchange);
            if (sent.getException() == null) {
                acceptor.markRouted(sent);
            } else {
                log.warn("routing a recovered event failed eventId={} error=\"{}\"", event.eventId(),
                        sent.getException().getMessage());
                return; // keep order: try again next round
            }
        }
    }
}
