package com.zoomoverlay.bridge.outputs;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.delivery.targets.TargetDirectory;
import com.zoomoverlay.bridge.delivery.targets.OutgoingDelivery;
import com.zoomoverlay.bridge.delivery.targets.SendResult;
import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.delivery.targets.TargetConfig;
import com.zoomoverlay.bridge.delivery.targets.TargetConfigs;
import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.events.EventKeys;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.simulator.SimulatedMeetingStory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;

/**
 * A Camel context with the bridge's Kamelets and their load-time checks, where {@code direct:deliver-webhook}
 * is served by a stand-in for the durable engine: it sends each delivery at once through the target's real
 * sender (made by its {@link TargetKinds kind}, as the engine makes it) and fails the exchange unless the
 * product accepted it. So a test sees what the Kamelet made of an event and what the product then shows,
 * without the outbox in between (the bridge tests tagged {@code needs-kind-engine} cover that).
 */
final class KameletHarness implements AutoCloseable {

    private final FakeHost host;
    private final CamelContext camel = new DefaultCamelContext();
    private final TargetConfigs targets;
    private final Map<String, Sender> senders = new ConcurrentHashMap<>();
    private final List<String> instructions = new ArrayList<>();
    // Each reading a millisecond later: the story's events get distinct, increasing event_ts, as Zoom's do
    // (the show state orders a rejoin after its leave by them), and every run reads the same times.
    private final SimulatedMeetingStory story = new SimulatedMeetingStory(new TickingClock(Instant.parse("2026-12-01T20:00:00Z")),
            "sim-account");

    private static final class TickingClock extends Clock {
        private final java.util.concurrent.atomic.AtomicLong millis;

        TickingClock(Instant start) {
            this.millis = new java.util.concurrent.atomic.AtomicLong(start.toEpochMilli());
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.getAndIncrement());
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    KameletHarness(FakeHost host, Map<String, String> targetProperties) {
        this.host = host;
        Properties properties = new Properties();
        targetProperties.forEach((k, v) -> properties.setProperty(TargetConfig.PREFIX + k, v));
        this.targets = TargetConfigs.load(properties, Optional.empty(), TargetKinds.names());
        camel.getRegistry().bind(TargetDirectory.BEAN_NAME, targets);
        ((ModelCamelContext) camel).addModelLifecycleStrategy(new KameletChecks(() -> targets));
    }

    /** Starts the context with {@code routes} (which use the Kamelets) and the stand-in delivery. */
    KameletHarness start(RouteBuilder routes) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:deliver-webhook").routeId("test-inline-delivery").process(KameletHarness.this::deliver);
            }
        });
        camel.addRoutes(routes);
        camel.start();
        return this;
    }

    /** Plays the next {@code count} events of the simulator's scripted meeting into {@code direct:events}, in order. */
    List<String> playStory(int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String event = story.next();
            events.add(event);
            send(event);
        }
        return events;
    }

    void send(String event) {
        JsonNode json = read(event);
        camel.createProducerTemplate().sendBodyAndHeaders("direct:events", event, Map.of(
                EventHeaders.EVENT_TYPE, json.path("event").asText(),
                EventHeaders.MEETING_ID, json.path("payload").path("object").path("id").asText(),
                EventHeaders.EVENT_TS, json.path("event_ts").asLong(),
                EventHeaders.EVENT_ID, EventKeys.eventId(event)));
    }

    /** The delivery bodies the Kamelets handed to the building block, in order. */
    synchronized List<String> instructions() {
        return List.copyOf(instructions);
    }

    CamelContext camel() {
        return camel;
    }

    private void deliver(Exchange exchange) {
        String target = exchange.getMessage().getHeader(EventHeaders.TARGET, String.class);
        String body = exchange.getMessage().getBody(String.class);
        synchronized (this) {
            instructions.add(body);
        }
        TargetConfig config = targets.find(target).orElseThrow(() -> new IllegalArgumentException("no target " + target));
        Sender sender = senders.computeIfAbsent(target, t -> TargetKinds.find(config.kind()).orElseThrow()
                .create(config, host.vertx(), host.clock()));
        SendResult result = host.send(sender, body);
        if (!result.isDelivered()) {
            throw new IllegalStateException(target + " did not take the delivery: " + result.outcome() + " " + result.error());
        }
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        senders.values().forEach(Sender::close);
        camel.stop();
    }
}
