package com.zoomoverlay.bridge.delivery;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zoomoverlay.bridge.accept.DeliveryWriter;
import com.zoomoverlay.bridge.accept.RoutingStage;
import com.zoomoverlay.bridge.accept.StagedDelivery;
import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.events.EventKeys;
import com.zoomoverlay.bridge.store.Jdbc;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code direct:deliver-webhook}: a durable delivery of the body to the target named in
 * {@code WebhookTarget} (none = {@code default}). Inside the stream it is staged and written with the
 * event's batch; called from anywhere else it is written at once in its own transaction.
 */
public final class DeliverStep implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeliverStep.class);

    private final DeliveryEngine engine;
    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public DeliverStep(DeliveryEngine engine, Jdbc jdbc, ObjectMapper json, Clock clock) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        String name = in.getHeader(EventHeaders.TARGET, DeliveryTargets.DEFAULT, String.class).trim();
        if (engine.targets().find(name).isEmpty()) {
            if (DeliveryTargets.DEFAULT.equals(name)) {
                LOG.debug("no default target configured (OVERLAY_WEBHOOK_URL unset); event not delivered to a webhook");
                return;
            }
            throw new IllegalArgumentException("unknown delivery target '" + name
                    + "' (configure bridge.targets." + name + ".url)");
        }
        Object raw = in.getBody();
        String body = json(raw);
        String eventId = in.getHeader(EventHeaders.EVENT_ID, String.class);
        String idSource = eventId != null ? eventId : EventKeys.eventId(body);
        var stage = RoutingStage.of(exchange);
        String original = stage.map(RoutingStage::eventBody).orElse(null);
        StagedDelivery row = new StagedDelivery(EventKeys.webhookId(idSource, name), eventId, name,
                in.getHeader(EventHeaders.EVENT_TYPE, "unknown", String.class), in.getHeader(EventHeaders.EVENT_TS, Long.class),
                body, eventId != null && body.equals(original), null, null);
        if (stage.isPresent()) {
            stage.get().addDelivery(row);
            return;
        }
        // Outside the stream (a hand-made exchange): its own small transaction.
        List<DeliveryWriter.WrittenDelivery> written = jdbc.inTransaction(tx -> engine.write(tx, List.of(
                new StagedDelivery(row.deliveryId(), null, row.target(), row.eventType(), row.eventTs(), body, false, null, null)),
                clock.instant()));
        engine.committed(written);
    }

    /** Routes may hand over a String, or a Map/List they built (e.g. a reshaped lower third). */
    private String json(Object body) throws JsonProcessingException {
        if (body instanceof Map || body instanceof Collection) {
            return json.writeValueAsString(body);
        }
        if (body == null) {
            throw new IllegalArgumentException("direct:deliver-webhook needs a body");
        }
        return body instanceof String s ? s : body.toString();
    }
}
