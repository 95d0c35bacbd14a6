package com.zoomoverlay.bridge.accept;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;

/**
 * What one event's routes produced while they ran inside the intake: deliveries and overlay frames.
 * Nothing leaves the bridge until the event's batch has committed, so a crash or a failed route never
 * sends something that was not stored; a retried route starts from an empty stage.
 */
public final class RoutingStage {

    /** The exchange property under which the building blocks find the stage. */
    public static final String PROPERTY = "BridgeRoutingStage";

    private final String eventBody;
    private final List<StagedDelivery> deliveries = new ArrayList<>();
    private final List<String> frames = new ArrayList<>();

    public RoutingStage(String eventBody) {
        this.eventBody = eventBody;
    }

    /** The event as it entered the stream: a delivery of exactly this is stored once, with the event. */
    public String eventBody() {
        return eventBody;
    }

    /** The stage of the event being routed, empty when the exchange was not sent by the intake. */
    public static Optional<RoutingStage> of(Exchange exchange) {
        return Optional.ofNullable(exchange.getProperty(PROPERTY, RoutingStage.class));
    }

    public void addDelivery(StagedDelivery delivery) {
        deliveries.add(delivery);
    }

    public void addFrame(String json) {
        frames.add(json);
    }

    public List<StagedDelivery> deliveries() {
        return deliveries;
    }

    public List<String> frames() {
        return frames;
    }
}
