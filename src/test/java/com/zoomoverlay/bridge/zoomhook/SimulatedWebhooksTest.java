package com.zoomoverlay.bridge.zoomhook;

import static com.zoomoverlay.bridge.zoomhook.WebhookHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.zoom.ZoomWsStatus;
import org.junit.jupiter.api.Test;

/**
 * The simulator's meeting by webhook as well as by WebSocket, and its faults driven over its HTTP
 * controls as a rehearsal would: refused requests change nothing, and during a WebSocket outage the
 * webhook path alone carries every event, with no duplicate when the WebSocket is back.
 */
class SimulatedWebhooksTest {

    private static JsonNode control(WebhookHarness h, String path) throws Exception {
        var r = h.bridge.send(HttpRequest.newBuilder(h.bridge.uri("/simulator/control/webhook/" + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    /** What downstream got from Zoom (bridge-made events such as bridge.gap left out), compared as JSON. */
    private static List<JsonNode> zoomEvents(WebhookHarness h) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String body : h.downstream.bodies()) {
            JsonNode node = Json.MAPPER.readTree(body);
            if (!node.path("event").asText().startsWith("bridge.")) {
                events.add(node);
            }
        }
        return events;
    }

    private static List<JsonNode> parsed(List<String> sent) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String s : sent) {
            events.add(Json.MAPPER.readTree(s));
        }
        return events;
    }

    @Test
    void the_webhook_path_alone_carries_every_event_through_a_websocket_outage_and_nothing_doubles_after() throws Exception {
        try (WebhookHarness h = WebhookHarness.start(Map.of("bridge.zoom-webhook.ledger-window", "1m")).connected()) {
            assertThat(control(h, "paths?webhook=true").path("webhook").asBoolean()).isTrue();
            assertThat(control(h, "validate").path("validated").asBoolean()).isTrue();

            List<String> sent = new ArrayList<>(h.ws().burst(5));
            await().atMost(WAIT).until(() -> zoomEvents(h).size() == 5
                    && h.metric("bridge_events_duplicates_total{transport=\"webhook\"}")
                            + h.metric("bridge_events_duplicates_total{transport=\"websocket\"}") == 5);

            // the WebSocket goes down and stays down; Zoom keeps posting webhooks
            h.ws().refuseFor(Duration.ofMinutes(5));
            h.ws().dropAll();
            await().atMost(WAIT).until(() -> !ZoomWsStatus.of(h.bridge.camel()).connected());
            int headersBefore = h.downstream.headers().size();
            sent.addAll(h.ws().burst(10));
            await().atMost(WAIT).until(() -> zoomEvents(h).size() == 15);
            assertThat(h.downstream.headers().subList(headersBefore, h.downstream.headers().size()))
                    .filteredOn(m -> !String.valueOf(m.get(EventHeaders.EVENT_TYPE)).startsWith("bridge."))
                    .allSatisfy(m -> assertThat(m).containsEntry(EventHeaders.TRANSPORT, "webhook"));

            // back: new events come both ways again, and a WebSocket resend is dropped
            h.ws().acceptConnections();
            h.awaitConnected();
            sent.addAll(h.ws().burst(5));
            h.ws().sendDuplicate();
            assertThat(control(h, "duplicate").path("bridgeStatus").asInt()).isEqualTo(200);
            await().atMost(WAIT).until(() -> h.webhooks().answered(200) >= 22);
            await().atMost(WAIT).until(() -> zoomEvents(h).size() >= 20);
            assertThat(zoomEvents(h)).containsExactlyElementsOf(parsed(sent));

            // the ten only the webhook brought are what the redundancy saved
            h.clock.advance(Duration.ofMinutes(2));
            await().atMost(WAIT).until(() -> h.metric("bridge_transport_only_total{transport=\"webhook\"}") >= 10);
            assertThat(h.metric("bridge_transport_only_total{transport=\"webhook\"}")).isEqualTo(10);
        }
    }

    @Test
    void the_simulator_faults_are_refused_with_their_status_and_change_nothing() throws Exception {
        try (WebhookHarness h = WebhookHarness.start().connected()) {
            control(h, "paths?webhook=true");
            List<String> sent = h.ws().burst(1);
            await().atMost(WAIT).until(() -> zoomEvents(h).size() == 1);

            assertThat(control(h, "fault?kind=bad_signature").path("bridgeStatus").asInt()).isEqualTo(401);
            assertThat(control(h, "fault?kind=stale_timestamp").path("bridgeStatus").asInt()).isEqualTo(400);
            assertThat(control(h, "fault?kind=malformed_body").path("bridgeStatus").asInt()).isEqualTo(400);
            assertThat(h.metric("zoom_webhook_rejected_total{reason=\"bad_signature\"}")).isEqualTo(1);
            assertThat(h.metric("zoom_webhook_rejected_total{reason=\"stale_timestamp\"}")).isEqualTo(1);
            assertThat(h.metric("zoom_webhook_rejected_total{reason=\"malformed_body\"}")).isEqualTo(1);

            // the WebSocket up but carrying nothing, as when Zoom's socket lags: webhooks keep the show going
            assertThat(control(h, "paths?websocket=false").path("websocket").asBoolean()).isFalse();
            List<String> more = h.ws().burst(3);
            await().atMost(WAIT).until(() -> zoomEvents(h).size() == 4);
            List<String> all = new ArrayList<>(sent);
            all.addAll(more);
            assertThat(zoomEvents(h)).containsExactlyElementsOf(parsed(all));

            var state = Json.MAPPER.readTree(h.bridge.get("/simulator/control/webhook/state").body());
            assertThat(state.path("answers").path("401").asInt()).isEqualTo(1);
            assertThat(state.path("answers").path("400").asInt()).isEqualTo(2);
            assertThat(state.path("storyOverWebsocket").asBoolean()).isFalse();
        }
    }

    @Test
    void with_simulate_the_scripted_meeting_flows_by_both_paths_under_a_generated_secret() {
        try (var bridge = com.zoomoverlay.bridge.support.TestBridge.start(Map.of("SIMULATE", "true",
                "bridge.simulator.webhooks", "true", "bridge.simulator.event-interval-ms", "50"))) {
            // no Zoom login: the WebSocket is not up, so the story reaches the bridge by webhook alone
            await().atMost(WAIT).until(() -> bridge.get("/metrics").body()
                    .matches("(?s).*bridge_events_accepted_total\\{transport=\"webhook\"\\} [1-9].*"));
            assertThat(bridge.get("/metrics").body()).contains("zoom_webhook_rejected_total{reason=\"bad_signature\"} 0.0");
        }
    }
}
