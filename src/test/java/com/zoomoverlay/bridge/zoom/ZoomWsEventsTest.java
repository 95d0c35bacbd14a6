package com.zoomoverlay.bridge.zoom;

import com.zoomoverlay.bridge.events.EventHeaders;
import static com.zoomoverlay.bridge.zoom.ZoomWsHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.simulator.SimulatedEventSocket.Malformed;
import com.zoomoverlay.bridge.support.LogCapture;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

/** What reaches direct:zoom-events: decoded, in order, once, whatever else the socket carries. */
class ZoomWsEventsTest {

    @Test
    void events_arrive_unwrapped_with_routing_headers() throws Exception {
        try (ZoomWsHarness h = ZoomWsHarness.connected()) {
            String sent = h.zoom().burst(2).get(1);
            await().atMost(WAIT).until(() -> h.downstream.bodies().size() == 2);

            JsonNode original = Json.MAPPER.readTree(sent);
            JsonNode body = Json.MAPPER.readTree(h.downstream.bodies().get(1));
            assertThat(body.fieldNames()).toIterable().containsExactly("event", "event_ts", "payload");
            assertThat(body).isEqualTo(original);
            Map<String, Object> headers = h.downstream.headers().get(1);
            assertThat(headers).containsEntry(EventHeaders.EVENT_TYPE, "meeting.participant_joined")
                    .containsEntry(EventHeaders.ACCOUNT_ID, "simulated-account")
                    .containsEntry(EventHeaders.MEETING_ID, original.at("/payload/object/id").asText())
                    .containsEntry(EventHeaders.EVENT_TS, original.get("event_ts").asLong());
            assertThat(h.get("/ws/status").path("lastEventAt").asText()).isEqualTo(h.clock.instant().toString());
        }
    }

    @Test
    void one_thousand_events_arrive_in_order() {
        // Order is the point here, not heartbeats: on a starved machine the burst can hold the heartbeat answer
        // past the harness's 2 s, and the reconnect that follows adds a bridge.gap to what downstream sees.
        try (ZoomWsHarness h = ZoomWsHarness.connected(Map.of("bridge.zoom.ws.heartbeat-timeout-ms", "10000"))) {
            List<String> sent = h.zoom().burst(1000);
            await().atMost(Duration.ofSeconds(60)).until(() -> h.downstream.bodies().size() >= 1000);
            List<String> received = h.downstream.bodies().stream().map(ZoomWsEventsTest::normalized).toList();
            assertThat(received).containsExactlyElementsOf(sent.stream().map(ZoomWsEventsTest::normalized).toList());
            assertThat(h.metrics()).contains("zoom_ws_events_total 1000.0");
        }
    }

    /**
     * A graceful stop (SIGTERM, a deploy, a lost lead) in the middle of a burst: Zoom never sends an event
     * twice, so every event read from the socket before it closed is still stored and routed, in order.
     * The small window makes events wait in the consumer's backlog when the stop comes.
     */
    @Test
    void events_read_before_a_stop_are_all_routed_in_order_before_it_ends() {
        ZoomWsHarness h = ZoomWsHarness.connected(Map.of("bridge.accept.websocket-window", "5",
                "bridge.zoom.ws.heartbeat-timeout-ms", "10000"));
        Counter read;
        List<String> sent;
        try {
            read = MetricsModule.registry(h.bridge.camel()).get("zoom.ws.events").counter();
            sent = h.zoom().burst(5000);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(1))
                    .until(() -> read.count() - h.downstream.bodies().size() >= 200);
        } finally {
            h.close();
        }
        int readBeforeStop = (int) read.count();
        assertThat(readBeforeStop).isGreaterThanOrEqualTo(200);
        assertThat(h.downstream.bodies().stream().map(ZoomWsEventsTest::normalized).toList())
                .containsExactlyElementsOf(sent.subList(0, readBeforeStop).stream().map(ZoomWsEventsTest::normalized).toList());
    }

    /**
     * The hand-on at a stop is bounded: with the intake stuck in a route, the stop waits
     * {@code stop-hand-on-ms}, then drops what still waits with one WARN naming how many, and ends; what
     * was routed is still the sent order's beginning, nothing skipped within it.
     */
    @Test
    void a_stop_waits_for_what_was_read_only_so_long_then_drops_the_rest_and_says_so() throws Exception {
        ZoomWsHarness h = ZoomWsHarness.connected(Map.of("bridge.accept.websocket-window", "5",
                "bridge.zoom.ws.heartbeat-timeout-ms", "10000", "bridge.zoom.ws.stop-hand-on-ms", "200"));
        Counter read = MetricsModule.registry(h.bridge.camel()).get("zoom.ws.events").counter();
        List<String> sent;
        String warning;
        try (LogCapture logs = new LogCapture()) {
            try {
                sent = h.zoom().burst(5000);
                await().atMost(WAIT).pollInterval(Duration.ofMillis(1))
                        .until(() -> read.count() - h.downstream.bodies().size() >= 200);
                h.downstream.hold();
                await().atMost(WAIT).until(h.downstream::holding);
                CompletableFuture<Void> stopped = CompletableFuture.runAsync(h::close);
                await().atMost(WAIT).until(() -> logs.text().contains("stopped before the events it had read were stored"));
                h.downstream.release();
                stopped.get(30, TimeUnit.SECONDS);
            } finally {
                h.downstream.release();
                h.close();
            }
            warning = logs.lines().stream().filter(l -> l.contains("stopped before the events")).findFirst().orElseThrow();
        }
        assertThat(warning).contains("(200 ms)").containsPattern("waiting=[1-9][0-9]* inFlight=[0-9]+");
        List<String> routed = h.downstream.bodies().stream().map(ZoomWsEventsTest::normalized).toList();
        assertThat(routed.size()).isLessThan((int) read.count());
        assertThat(routed).containsExactlyElementsOf(sent.subList(0, routed.size()).stream()
                .map(ZoomWsEventsTest::normalized).toList());
    }

    @Test
    void malformed_frames_are_counted_and_dropped_and_the_socket_stays_up() {
        try (ZoomWsHarness h = ZoomWsHarness.connected(Map.of("bridge.zoom.ws.max-frame-bytes", "65536"))) {
            for (Malformed kind : Malformed.values()) {
                h.zoom().sendMalformed(kind);
                h.zoom().sendMalformed(kind);
            }
            h.zoom().sendOversized(70_000);
            h.zoom().sendFrame("{\"module\":\"message\",\"content\":\"{\\\"no_event\\\":1}\"}");
            h.zoom().burst(1);
            await().atMost(WAIT).until(() -> h.downstream.bodies().size() == 1);

            assertThat(h.zoom().totalConnects()).isEqualTo(1);
            assertThat(h.status().connected()).isTrue();
            assertThat(h.metrics())
                    .contains("zoom_ws_decode_failures_total{kind=\"not_json\"} 2.0")
                    .contains("zoom_ws_decode_failures_total{kind=\"unknown_module\"} 2.0")
                    .contains("zoom_ws_decode_failures_total{kind=\"content_not_json\"} 2.0")
                    .contains("zoom_ws_decode_failures_total{kind=\"oversized\"} 1.0")
                    .contains("zoom_ws_decode_failures_total{kind=\"not_an_event\"} 1.0")
                    .contains("zoom_ws_frames_total{module=\"unknown\"} 2.0");
        }
    }

    @Test
    void a_frame_over_the_websocket_limit_is_counted_and_logged_once_with_its_size() {
        try (com.zoomoverlay.bridge.support.LogCapture logs = new com.zoomoverlay.bridge.support.LogCapture();
             ZoomWsHarness h = ZoomWsHarness.connected(Map.of("bridge.zoom.ws.max-frame-bytes", "65536"))) {
            // 4 x 64 KiB is the WebSocket stack's own limit: beyond it the frame never reaches the decoder
            h.zoom().sendOversized(300_000);
            await().atMost(WAIT).until(() -> h.metrics().contains("zoom_ws_decode_failures_total{kind=\"oversized\"} 1.0"));
            // Wait for a live connection before the second one: should the stack close the socket on an
            // oversized message (seen once under heavy load), a frame sent meanwhile would go nowhere.
            await().atMost(WAIT).until(() -> h.status().connected() && h.zoom().connectionCount() == 1);
            h.zoom().sendOversized(300_000);
            await().atMost(WAIT).until(() -> h.metrics().contains("zoom_ws_decode_failures_total{kind=\"oversized\"} 2.0"));
            h.zoom().burst(1);
            await().atMost(WAIT).until(() -> h.downstream.bodies().size() == 1);
            List<String> lines = logs.lines().stream().filter(l -> l.contains("oversized")).toList();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).contains("bytes>=").doesNotContain("xxxx");
        }
    }

    @Test
    void duplicates_are_dropped() {
        try (ZoomWsHarness h = ZoomWsHarness.connected()) {
            h.zoom().burst(1);
            h.zoom().sendDuplicate();
            h.zoom().sendDuplicate();
            h.zoom().burst(1);
            await().atMost(WAIT).until(() -> h.downstream.bodies().size() == 2);
            await().atMost(WAIT).until(() -> h.metrics().contains("zoom_ws_duplicates_total 2.0"));
            assertThat(h.downstream.bodies()).doesNotHaveDuplicates();
        }
    }

    @Test
    void a_resend_older_than_the_dedupe_window_is_still_dropped_by_the_intake() {
        // both memories hold one id: the first event has left them when Zoom sends it again, only the store knows it
        try (ZoomWsHarness h = ZoomWsHarness.connected(Map.of("bridge.zoom.ws.dedupe-window", "1", "bridge.accept.recent-ids", "1"))) {
            List<String> sent = h.zoom().burst(2);
            // committed first: sent right behind them, the repeat could share their batch and be dropped there
            await().atMost(WAIT).until(() -> h.downstream.bodies().size() == 2);
            h.zoom().sendEvent(sent.get(0));
            h.zoom().burst(1);
            await().atMost(WAIT).until(() -> h.downstream.bodies().size() == 3);
            await().atMost(WAIT).until(() -> h.metrics().contains("bridge_events_duplicates_total{transport=\"websocket\"} 1.0"));
            assertThat(h.downstream.bodies()).doesNotHaveDuplicates();
            assertThat(h.metrics()).contains("zoom_ws_duplicates_total 0.0");
        }
    }

    @Test
    void a_failing_route_is_retried_in_place_without_touching_the_socket() {
        try (ZoomWsHarness h = ZoomWsHarness.connected()) {
            // two failures are within the three attempts the stream gives each event
            h.downstream.failNext(2);
            List<String> sent = h.zoom().burst(3);
            await().atMost(WAIT).until(() -> h.downstream.bodies().size() == 3);
            assertThat(h.downstream.failures()).isEqualTo(2);
            assertThat(h.downstream.bodies().stream().map(ZoomWsEventsTest::normalized).toList())
                    .containsExactlyElementsOf(sent.stream().map(ZoomWsEventsTest::normalized).toList());
            assertThat(h.zoom().totalConnects()).isEqualTo(1);
            assertThat(h.status().connected()).isTrue();
        }
    }

    private static String normalized(String json) {
        try {
            return Json.MAPPER.readTree(json).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
