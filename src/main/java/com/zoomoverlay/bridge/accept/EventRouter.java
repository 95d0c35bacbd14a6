package com.zoomoverlay.bridge.accept;

import java.time.Duration;

import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.events.EventKeys;
import com.zoomoverlay.bridge.retry.Backoff;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engineers' routes ({@code direct:zoom-events}) for one event, on the intake's thread. A route
 * that fails is retried in place, so nothing overtakes the event; after the last attempt the event
 * becomes a {@code routing_failed} dead letter (replayable once the route is fixed) and the stream goes on.
 */
final class EventRouter {

    /** The dead letters of events whose routes failed are filed under this pseudo-target. */
    static final String ROUTES_TARGET = "routes";
    static final String ROUTING_FAILED = "routing_failed";
    /**
     * The longest wait between two attempts (unless the first is longer): the intake waits in place, and the
     * doubling must not run away with a large {@code routing-attempts} (up to 100).
     */
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(EventRouter.class);

    private final ProducerTemplate template;
    private final Endpoint zoomEvents;
    private final int attempts;
    /** {@code routing-retry-ms} apart, doubling; no jitter: one intake, nobody to fall out of step with. */
    private final Backoff retryDelays;
    private final IntakeMetrics metrics;

    EventRouter(ProducerTemplate template, Endpoint zoomEvents, int attempts, Duration firstRetryDelay, IntakeMetrics metrics) {
        this.template = template;
        this.zoomEvents = zoomEvents;
        this.attempts = attempts;
        this.retryDelays = new Backoff(firstRetryDelay, max(firstRetryDelay, MAX_RETRY_DELAY), 0);
        this.metrics = metrics;
    }

    /** The event's stage; when every attempt failed, a stage holding only its {@code routing_failed} dead letter. */
    RoutingStage route(IncomingEvent event) {
        String error = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            RoutingStage stage = new RoutingStage(event.body());
            Exchange exchange = zoomEvents.createExchange();
            prepare(exchange, event, stage);
            template.send(zoomEvents, exchange);
            Exception failure = exchange.getException();
            if (failure == null) {
                return stage;
            }
            error = describe(failure);
            metrics.routingFailedAttempt();
            LOG.warn("routing failed eventId={} event={} attempt={} of={} error=\"{}\"", event.eventId(),
                    event.eventType(), attempt, attempts, error);
            if (attempt < attempts && !pause(retryDelays.ceiling(attempt - 1))) {
                break;
            }
        }
        metrics.routingFailed();
        LOG.warn("event dead-lettered reason={} eventId={} event={} (replay it once the route is fixed)",
                ROUTING_FAILED, event.eventId(), event.eventType());
        RoutingStage dead = new RoutingStage(event.body());
        dead.addDelivery(new StagedDelivery(EventKeys.webhookId(event.eventId(), ROUTES_TARGET), event.eventId(),
                ROUTES_TARGET, event.eventType(), event.eventTs(), event.body(), true, ROUTING_FAILED, error));
        return dead;
    }

    private static void prepare(Exchange exchange, IncomingEvent event, RoutingStage stage) {
        var message = exchange.getMessage();
        message.setBody(event.body());
        message.setHeader(EventHeaders.EVENT_TYPE, event.eventType());
        message.setHeader(EventHeaders.EVENT_ID, event.eventId());
        message.setHeader(EventHeaders.TRANSPORT, event.transport());
        if (event.eventTs() != null) {
            message.setHeader(EventHeaders.EVENT_TS, event.eventTs());
        }
        if (event.accountId() != null) {
            message.setHeader(EventHeaders.ACCOUNT_ID, event.accountId());
        }
        if (event.meetingId() != null) {
            message.setHeader(EventHeaders.MEETING_ID, event.meetingId());
        }
        exchange.setProperty(RoutingStage.PROPERTY, stage);
    }

    /** Type and message, shortened: what the console and the dead letter show. */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause
                && cause instanceof org.apache.camel.CamelExecutionException) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        String text = cause.getClass().getSimpleName() + message;
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The stream deliberately waits here (that is what keeps order); false when interrupted (stopping). */
    private static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
