package com.zoomoverlay.bridge.delivery;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.events.EventKeys;
import com.zoomoverlay.bridge.http.HttpReplies;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code direct:deliver-webhook}: writes one outbox row for the event and the target named in
 * {@code WebhookTarget} (none = {@code default}), then returns; the target's dispatcher sends it.
 */
public final class WebhookEnqueuer {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookEnqueuer.class);

    private final WebhookTargets targets;
    private final Outbox outbox;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    public WebhookEnqueuer(WebhookTargets targets, Outbox outbox, DeliveryMetrics metrics, Clock clock) {
        this.targets = targets;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void enqueue(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        String name = in.getHeader(EventHeaders.TARGET, WebhookTargets.DEFAULT, String.class).trim();
        Optional<WebhookTarget> target = targets.find(name);
        if (target.isEmpty()) {
            if (WebhookTargets.DEFAULT.equals(name)) {
                LOG.debug("no default webhook configured (OVERLAY_WEBHOOK_URL unset); event not sent to a webhook");
                return;
            }
            throw new IllegalArgumentException("unknown webhook target '" + name
                    + "' (configure bridge.targets." + name + ".url and .secret)");
        }
        String body = json(in.getBody());
        String eventId = in.getHeader(EventHeaders.EVENT_ID, () -> EventKeys.eventId(body), String.class);
        String eventType = in.getHeader(EventHeaders.EVENT_TYPE, "unknown", String.class);
        Long eventTs = in.getHeader(EventHeaders.EVENT_TS, Long.class);
        if (outbox.enqueue(EventKeys.webhookId(eventId, name), name, eventType, eventTs, body, clock.instant())) {
            metrics.count("received", name, eventType);
        }
    }

    /** Routes may hand over a String, or a Map/List they built (e.g. a reshaped lower third). */
    private static String json(Object body) throws JsonProcessingException {
        if (body instanceof Map || body instanceof Collection) {
            return HttpReplies.JSON.writeValueAsString(body);
        }
        if (body == null) {
            throw new IllegalArgumentException("direct:deliver-webhook needs a body");
        }
        return body instanceof String s ? s : body.toString();
    }
}
