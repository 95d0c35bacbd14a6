package com.zoomoverlay.bridge.zoomhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

import com.zoomoverlay.bridge.accept.IntakeFullException;
import com.zoomoverlay.bridge.accept.InvalidEventException;
import com.zoomoverlay.bridge.events.Endpoints;
import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.events.ParsedEvent;
import com.zoomoverlay.bridge.events.ZoomEvent;
import com.zoomoverlay.bridge.http.reply.HttpErrorsConfiguration;
import com.zoomoverlay.bridge.http.reply.HttpReplies;
import com.zoomoverlay.bridge.log.LogBudget;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code zoom-webhook-receive}: {@code POST /zoom/webhook}. Checks Zoom's signature and timestamp, answers
 * the URL validation challenge, and hands every other event to {@code direct:zoom-accept}, the durable
 * accept path the WebSocket uses (same dedupe, same {@code direct:zoom-events}). The 200 goes out once the
 * event's batch has committed, never after downstream; when the intake is full the answer is 503 with
 * {@code Retry-After}, so Zoom sends it again rather than the bridge taking it and losing it.
 */
public final class ZoomWebhookRoutes extends RouteBuilder {

    public static final String PATH = "/zoom/webhook";
    public static final String ROUTE_ID = "zoom-webhook-receive";
    static final String TRANSPORT = "webhook";
    private static final String TO_ACCEPT = "zoomWebhookEvent";
    private static final int RETRY_AFTER_SECONDS = 5;

    private final WebhookCheck check;
    private final ZoomSignature signature;
    private final WebhookMetrics metrics;
    private final LogBudget logBudget;

    ZoomWebhookRoutes(WebhookCheck check, ZoomSignature signature, WebhookMetrics metrics, Clock clock) {
        this.check = check;
        this.signature = signature;
        this.metrics = metrics;
        this.logBudget = new LogBudget(20, Duration.ofMinutes(1), clock);
    }

    @Override
    public void configure() {
        from("platform-http:" + PATH + "?httpMethodRestrict=POST")
                .routeId(ROUTE_ID)
                .routeConfigurationId(HttpErrorsConfiguration.ID)
                .process(this::checkRequest)
                .filter(exchangeProperty(TO_ACCEPT).isNotNull())
                    .doTry()
                        .to(Endpoints.ZOOM_ACCEPT).id("zoom-webhook-accept")
                        .process(ZoomWebhookRoutes::stored)
                    .doCatch(IntakeFullException.class)
                        .process(exchange -> refuse(exchange, Rejection.INTAKE_FULL))
                    .doCatch(InvalidEventException.class)
                        .process(exchange -> refuse(exchange, Rejection.BAD_EVENT_TYPE))
                    .doCatch(Exception.class)
                        // the store refused it or the bridge is stopping: Zoom retries (5, 20, 60 min)
                        .process(exchange -> refuse(exchange, Rejection.STORE_FAILED))
                    .end()
                .end();
    }

    /** Answers a refusal or the validation challenge here; leaves an event on the message for the accept path. */
    private void checkRequest(Exchange exchange) {
        Message in = exchange.getMessage();
        byte[] body = in.getBody(byte[].class);
        WebhookCheck.Outcome outcome = check.check(in.getHeader("x-zm-signature", String.class),
                in.getHeader("x-zm-request-timestamp", String.class), body == null ? new byte[0] : body);
        if (outcome instanceof WebhookCheck.Refused refused) {
            refuse(exchange, refused.rejection());
        } else if (outcome instanceof WebhookCheck.Validation validation) {
            metrics.validated();
            log.info("zoom webhook url validation answered");
            HttpReplies.json(exchange, 200, Map.of("plainToken", validation.plainToken(),
                    "encryptedToken", signature.encryptedToken(validation.plainToken())));
        } else if (outcome instanceof WebhookCheck.Event event) {
            toAccept(exchange, event.event());
        }
    }

    /** The same message the WebSocket consumer sends: the unwrapped event and its routing headers. */
    private static void toAccept(Exchange exchange, ZoomEvent event) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setBody(event.body());
        ParsedEvent.attach(exchange, event.body(), event.tree());
        message.setHeader(EventHeaders.EVENT_TYPE, event.type());
        message.setHeader(EventHeaders.EVENT_ID, event.id());
        message.setHeader(EventHeaders.TRANSPORT, TRANSPORT);
        if (event.eventTs() != null) {
            message.setHeader(EventHeaders.EVENT_TS, event.eventTs());
        }
        if (event.accountId() != null) {
            message.setHeader(EventHeaders.ACCOUNT_ID, event.accountId());
        }
        if (event.meetingId() != null) {
            message.setHeader(EventHeaders.MEETING_ID, event.meetingId());
        }
        exchange.setProperty(TO_ACCEPT, event.type());
    }

    private static void stored(Exchange exchange) {
        boolean duplicate = exchange.getMessage().getHeader(EventHeaders.DUPLICATE, false, Boolean.class);
        String id = exchange.getMessage().getHeader(EventHeaders.EVENT_ID, String.class);
        HttpReplies.json(exchange, 200, Map.of("status", duplicate ? "duplicate" : "stored", "eventId", id));
    }

    private void refuse(Exchange exchange, Rejection rejection) {
        metrics.rejected(rejection);
        OptionalLong held = logBudget.take();
        if (held.isPresent()) {
            Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            log.warn("zoom webhook refused reason={} status={} event={}{}{}", rejection.tag(), rejection.status,
                    exchange.getProperty(TO_ACCEPT, "-", String.class),
                    cause == null ? "" : " error=" + cause.getClass().getSimpleName(),
                    held.getAsLong() > 0 ? " (" + held.getAsLong() + " similar lines held back)" : "");
        }
        HttpReplies.error(exchange, rejection.status, rejection.error, rejection.message);
        if (rejection == Rejection.INTAKE_FULL) {
            exchange.getMessage().setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
    }
}
