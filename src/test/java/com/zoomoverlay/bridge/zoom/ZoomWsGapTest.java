package com.zoomoverlay.bridge.zoom;

import static com.zoomoverlay.bridge.zoom.ZoomWsHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TestReceiver;
import org.junit.jupiter.api.Test;

/**
 * The gap marker: after a drop, a restart or a restarted consumer, a bridge.gap event goes through
 * direct:zoom-events like any event (a failover: ShowStateFailoverTest).
 */
class ZoomWsGapTest {

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_dropped_connection_is_reported_downstream_as_a_gap_before_the_events_that_follow() {
        // A heartbeat answer read after the clock moved would be the lost connection's last frame instead of
        // the burst's: Zoom stays silent from before the burst (answers sent earlier precede it on the socket),
        // with a heartbeat timeout long enough that only the drop ends the connection.
        try (ZoomWsHarness h = ZoomWsHarness.stepped(Map.of("bridge.zoom.ws.heartbeat-timeout-ms", "10000"))) {
            h.zoom().silent(true);
            h.zoom().burst(2);
            await().atMost(WAIT).until(() -> h.downstream.bodies().size() == 2);
            Instant lastAlive = h.clock.instant();
            h.clock.advance(Duration.ofSeconds(1));
            h.zoom().dropAll();
            await().atMost(WAIT).until(() -> h.scheduler.waiting());
            h.zoom().silent(false);
            h.clock.advance(Duration.ofSeconds(3));
            h.scheduler.fireNext();
            h.awaitConnected();
            Instant back = h.status().connectedSince();
            h.zoom().burst(1);
            await().atMost(WAIT).until(() -> h.downstream.bodies().size() == 4);

            List<String> types = h.downstream.headers().stream().map(m -> (String) m.get(EventHeaders.EVENT_TYPE)).toList();
            assertThat(types).containsExactly("meeting.started", "meeting.participant_joined", "bridge.gap",
                    "meeting.chat_message_sent");
            JsonNode gap = json(h.downstream.bodies().get(2));
            assertThat(gap.fieldNames()).toIterable().containsExactly("event", "event_ts", "payload");
            assertThat(gap.path("event_ts").asLong()).isEqualTo(back.toEpochMilli());
            // From the last frame the lost connection carried, not from when the loss was noticed.
            assertThat(gap.path("payload").path("from").asText()).isEqualTo(lastAlive.toString());
            assertThat(gap.path("payload").path("to").asText()).isEqualTo(back.toString());
            assertThat(gap.path("payload").path("reason").asText()).isEqualTo("connection lost (no close frame)");
            assertThat(h.downstream.headers().get(2)).containsEntry(EventHeaders.TRANSPORT, "bridge");

            JsonNode gaps = h.get("/ws/status").path("gaps");
            assertThat(gaps.path("count").asLong()).isEqualTo(1);
            assertThat(gaps.path("totalMs").asLong()).isEqualTo(Duration.between(lastAlive, back).toMillis());
            assertThat(gaps.path("last").get(0).path("attempts").asInt()).isEqualTo(1);
            assertThat(gaps.path("last").get(0).path("acceptToConnectedMs").asLong()).isZero();
        }
    }

    @Test
    void the_first_connection_and_a_zoom_frame_calling_itself_a_gap_are_not_bridge_gaps() {
        try (ZoomWsHarness h = ZoomWsHarness.connected()) {
            h.zoom().sendEvent("{\"event\":\"bridge.gap\",\"event_ts\":1,\"payload\":{\"from\":\"x\",\"to\":\"y\",\"reason\":\"spoof\"}}");
            await().atMost(WAIT).until(() -> h.downstream.bodies().size() == 1);
            // What Zoom sent is passed on as Zoom's (transport websocket), not as the bridge's marker.
            assertThat(h.downstream.headers().get(0)).containsEntry(EventHeaders.TRANSPORT, "websocket");
            assertThat(h.get("/ws/status").path("gaps").path("count").asLong()).isZero();
        }
    }

    @Test
    void a_restarted_bridge_reports_a_gap_from_the_last_moment_its_predecessor_stored_zoom_alive() {
        Path dataDir = TestBridge.tempDir();
        Map<String, String> env = Map.of("DATA_DIR", dataDir.toString(), "bridge.zoom.ws.alive-write-ms", "20");
        Instant stored;
        try (ZoomWsHarness first = ZoomWsHarness.connected(env)) {
            first.zoom().burst(1);
            await().atMost(WAIT).until(() -> first.downstream.bodies().size() == 1);
            // The last frame before the stop is stored at most one interval later.
            await().atMost(WAIT).until(() -> lastAlive(first).written() != null
                    && lastAlive(first).written().equals(first.status().lastAlive()));
            stored = lastAlive(first).written();
        }
        try (ZoomWsHarness second = ZoomWsHarness.connected(env)) {
            await().atMost(WAIT).until(() -> !second.downstream.bodies().isEmpty());
            Instant back = second.status().connectedSince();
            assertThat(second.downstream.headers().get(0)).containsEntry(EventHeaders.EVENT_TYPE, "bridge.gap")
                    .containsEntry(EventHeaders.TRANSPORT, "bridge");
            JsonNode gap = json(second.downstream.bodies().get(0));
            assertThat(gap.path("payload").path("from").asText()).isEqualTo(Instant.ofEpochMilli(stored.toEpochMilli()).toString());
            assertThat(gap.path("payload").path("to").asText()).isEqualTo(back.toString());
            assertThat(gap.path("payload").path("reason").asText()).isEqualTo("bridge_restart");
            assertThat(second.get("/ws/status").path("gaps").path("last").get(0).path("reason").asText()).isEqualTo("bridge_restart");
        }
    }

    @Test
    void a_restarted_consumer_reports_a_gap_from_its_own_last_frame() throws Exception {
        try (ZoomWsHarness h = ZoomWsHarness.connected(Map.of("bridge.zoom.ws.alive-write-ms", "20"))) {
            h.zoom().burst(1);
            await().atMost(WAIT).until(() -> h.downstream.bodies().size() == 1);
            var routes = h.bridge.camel().getRouteController();
            routes.stopRoute(ZoomRoutes.CONSUMER_ROUTE_ID);
            Instant lastAlive = h.status().lastAlive();
            h.clock.advance(Duration.ofSeconds(2));
            routes.startRoute(ZoomRoutes.CONSUMER_ROUTE_ID);
            h.awaitConnected();
            await().atMost(WAIT).until(() -> h.downstream.bodies().size() == 2);
            JsonNode gap = json(h.downstream.bodies().get(1));
            assertThat(gap.path("event").asText()).isEqualTo("bridge.gap");
            assertThat(gap.path("payload").path("from").asText()).isEqualTo(lastAlive.toString());
            assertThat(gap.path("payload").path("to").asText()).isEqualTo(h.status().connectedSince().toString());
            assertThat(gap.path("payload").path("reason").asText()).isEqualTo("consumer_restart");
        }
    }

    private static LastAlive lastAlive(ZoomWsHarness h) {
        return h.bridge.camel().getComponent(ZoomWsComponent.SCHEME, ZoomWsComponent.class).lastAlive();
    }

    @Test
    void the_gap_reaches_the_default_webhook_through_the_durable_path() {
        try (TestReceiver receiver = new TestReceiver();
             ZoomWsHarness h = ZoomWsHarness.connected(Map.of(
                     "camel.main.routes-include-pattern", "file:routes/zoom-events.camel.yaml",
                     "OVERLAY_WEBHOOK_URL", receiver.url(),
                     "OVERLAY_WEBHOOK_SECRET", "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])))) {
            h.zoom().closeAll(1011, "server restarting");
            h.awaitConnected();
            await().atMost(WAIT).until(() -> receiver.accepted().stream()
                    .anyMatch(r -> json(r.body()).path("event").asText().equals("bridge.gap")));
            JsonNode gap = receiver.accepted().stream().map(r -> json(r.body()))
                    .filter(b -> b.path("event").asText().equals("bridge.gap")).findFirst().orElseThrow();
            assertThat(gap.path("payload").path("reason").asText()).isEqualTo("closed by server code=1011 reason=server restarting");
        }
    }
}
