package com.zoomoverlay.bridge.zoom;

import static com.zoomoverlay.bridge.zoom.ZoomWsHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Connecting, staying alive, and what status, health and metrics say about it. */
class ZoomWsConnectionTest {

    @Test
    void waits_for_a_token_then_connects_with_it_in_query_and_header() {
        try (ZoomWsHarness h = ZoomWsHarness.start()) {
            await().atMost(WAIT).until(() -> h.status().state() == ZoomWsState.WAITING_FOR_TOKEN);
            assertThat(h.zoom().totalConnects()).isZero();
            assertThat(h.get("/health").path("checks").path("zoom").path("status").asText()).isEqualTo("DEGRADED");

            String token = h.tokens.login();
            h.awaitConnected();
            assertThat(h.zoom().lastAccessToken()).contains(token);
            assertThat(h.zoom().lastClientVersion()).contains("zoom-overlay-bridge/1.0");
            assertThat(h.zoom().totalConnects()).isEqualTo(1);
        }
    }

    @Test
    void status_health_and_metrics_report_the_connection() {
        try (ZoomWsHarness h = ZoomWsHarness.connected()) {
            JsonNode status = h.get("/ws/status");
            assertThat(status.path("connected").asBoolean()).isTrue();
            assertThat(status.path("state").asText()).isEqualTo("connected");
            assertThat(status.path("connectedSince").asText()).isEqualTo(h.clock.instant().toString());
            assertThat(status.path("reconnects").asLong()).isZero();
            assertThat(status.has("lastEventAt")).isTrue();
            assertThat(status.path("lastError").isNull()).isTrue();
            // No outage yet: nothing needs a person, no outage is open, no window of missing events.
            assertThat(status.path("needsAttention").asBoolean()).isFalse();
            assertThat(status.path("outageSince").isNull()).isTrue();
            assertThat(status.path("attempts").asInt()).isZero();
            assertThat(status.path("gaps").path("count").asLong()).isZero();
            assertThat(status.path("gaps").path("last")).isEmpty();
            assertThat(h.get("/health").path("checks").path("zoom").path("status").asText()).isEqualTo("UP");
            assertThat(h.metrics())
                    .contains("zoom_ws_connects_total 1.0")
                    .contains("zoom_ws_connection_state{state=\"connected\"} 1.0");
        }
    }

    @Test
    void heartbeats_keep_the_connection_alive() {
        try (ZoomWsHarness h = ZoomWsHarness.connected()) {
            // 100 ms heartbeats against the harness's 2 s timeout: 50 answered heartbeats span more than two timeouts.
            await().atMost(WAIT).until(() -> h.zoom().heartbeatsAnswered() >= 50);
            assertThat(h.zoom().totalConnects()).isEqualTo(1);
            assertThat(h.status().connected()).isTrue();
            assertThat(h.metrics()).containsPattern("zoom_ws_heartbeat_rtt_seconds_count [1-9]");
        }
    }

    @Test
    void a_silent_server_is_detected_and_replaced_by_a_new_connection() {
        try (ZoomWsHarness h = ZoomWsHarness.connected()) {
            h.zoom().silent(true);
            await().atMost(WAIT).until(() -> h.zoom().totalConnects() >= 2);
            assertThat(h.status().lastError()).contains("no heartbeat answer");
            h.zoom().silent(false);
            h.awaitConnected();
            assertThat(h.zoom().peakConnections()).isEqualTo(1);
            assertThat(h.metrics()).contains("zoom_ws_disconnects_total{code=\"1001\"}");
        }
    }

    @Test
    void a_healthy_connection_outlives_the_connect_timeout() {
        // Regression: the connect timeout was also armed as an idle timer that closed the socket (code 1000)
        // one timeout after connecting, losing the events Zoom sent during the reconnect.
        // Heartbeats a second apart leave the socket quiet for longer than the 300 ms connect timeout between them:
        // an idle timer armed with it closes the socket before the first heartbeat. (The harness's 100 ms
        // heartbeats would keep such a timer from ever firing.)
        try (ZoomWsHarness h = ZoomWsHarness.connected(java.util.Map.of("bridge.zoom.ws.connect-timeout-ms", "300",
                "bridge.zoom.ws.heartbeat-interval-ms", "1000"))) {
            // Vert.x timers, wall time: three answered heartbeats span at least two seconds of the one connection.
            await().atMost(WAIT).until(() -> h.zoom().heartbeatsAnswered() >= 3 || h.zoom().totalConnects() > 1);
            assertThat(h.zoom().totalConnects()).isEqualTo(1);
            assertThat(h.status().connected()).isTrue();
        }
    }
}
