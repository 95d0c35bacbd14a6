package com.zoomoverlay.bridge.zoom;

import static com.zoomoverlay.bridge.zoom.ZoomWsHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import com.zoomoverlay.bridge.simulator.SimulatedEventSocket;
import org.junit.jupiter.api.Test;

/** Token rejection, lost connections, outages, takeovers: always back to exactly one connection. */
class ZoomWsReconnectTest {

    @Test
    void close_4700_refreshes_once_and_reconnects_with_the_new_token() {
        try (ZoomWsHarness h = ZoomWsHarness.connected()) {
            String old = h.tokens.currentAccessToken().orElseThrow();
            // Zoom stops honouring the token, then says so.
            h.simulator().tokens().revokeAccessToken(old);
            h.zoom().closeAll(4700, "Invalid access token");

            await().atMost(WAIT).until(() -> h.zoom().totalConnects() == 2 && h.status().connected());
            assertThat(h.tokens.refreshes()).isEqualTo(1);
            String fresh = h.tokens.currentAccessToken().orElseThrow();
            assertThat(fresh).isNotEqualTo(old);
            assertThat(h.zoom().lastAccessToken()).contains(fresh);
            assertThat(h.zoom().rejectedTokens()).isZero();
            assertThat(h.zoom().peakConnections()).isEqualTo(1);
            assertThat(h.metrics()).contains("zoom_ws_disconnects_total{code=\"4700\"} 1.0")
                    .contains("zoom_ws_token_refreshes_total{outcome=\"ok\"} 1.0");
        }
    }

    @Test
    void a_gone_grant_waits_for_a_new_login_instead_of_hammering_zoom() {
        // stepped: every reconnect wait is the test's to fire, so "nothing waits" is something to look at
        try (ZoomWsHarness h = ZoomWsHarness.stepped(Map.of())) {
            h.tokens.revokeGrant();
            h.zoom().closeAll(4700, "Invalid access token");

            await().atMost(WAIT).until(() -> h.status().state() == ZoomWsState.REAUTHORIZATION_REQUIRED);
            long attempts = h.zoom().totalConnects() + h.zoom().rejectedTokens();
            // Nothing waits to try again ...
            assertThat(h.scheduler.waiting()).isFalse();
            assertThat(h.tokens.refreshes()).isEqualTo(1);
            assertThat(h.get("/health").path("checks").path("zoom").path("status").asText()).isEqualTo("DEGRADED");
            assertThat(h.get("/ws/status").path("lastError").asText()).contains("re-authorization required");

            String token = h.tokens.login();
            h.awaitConnected();
            assertThat(h.zoom().lastAccessToken()).contains(token);
            // ... and nothing was tried meanwhile: the supervisor decides in order on one context, so an attempt
            // or refresh it had queued while waiting would have come before the login's one connect.
            assertThat(h.zoom().totalConnects() + h.zoom().rejectedTokens()).isEqualTo(attempts + 1);
            assertThat(h.tokens.refreshes()).isEqualTo(1);
            assertThat(h.scheduler.fired()).isZero();
        }
    }

    @Test
    void a_dropped_tcp_connection_is_noticed_and_reconnected() {
        try (ZoomWsHarness h = ZoomWsHarness.connected()) {
            h.zoom().dropAll();
            await().atMost(WAIT).until(() -> h.zoom().totalConnects() == 2 && h.status().connected());
            assertThat(h.zoom().peakConnections()).isEqualTo(1);
            assertThat(h.status().reconnects()).isEqualTo(1);
            // no close frame reached the bridge: 1006 (or no code) is what a client reports for a bare TCP close
            assertThat(h.metrics()).containsPattern("zoom_ws_disconnects_total\\{code=\"(1006|none)\"} 1.0");
        }
    }

    @Test
    void being_replaced_by_another_client_is_reported_as_such() {
        try (ZoomWsHarness h = ZoomWsHarness.connected()) {
            h.zoom().closeAll(SimulatedEventSocket.REPLACED, SimulatedEventSocket.REPLACED_REASON);
            await().atMost(WAIT).until(() -> h.status().lastError() != null);
            assertThat(h.status().lastError()).startsWith("replaced by another client");
            h.awaitConnected();
        }
    }

    @Test
    void the_attempt_count_starts_afresh_after_a_stable_connection() {
        try (ZoomWsHarness h = ZoomWsHarness.connected(Map.of(
                "bridge.zoom.ws.backoff-initial-ms", "1", "bridge.zoom.ws.backoff-max-ms", "50"))) {
            for (int i = 1; i <= 5; i++) {
                h.zoom().dropAll();
                long expected = i + 1;
                await().atMost(WAIT).until(() -> h.zoom().totalConnects() == expected && h.status().connected());
            }
            // Each connection lasted no clock time: flapping, one outage, its count carries on.
            assertThat(h.status().consecutiveFailures()).isEqualTo(5);
            h.clock.advance(Duration.ofSeconds(11));
            h.zoom().dropAll();
            await().atMost(WAIT).until(() -> h.zoom().totalConnects() == 7 && h.status().connected());
            assertThat(h.status().consecutiveFailures()).isEqualTo(1);
        }
    }

    @Test
    void no_token_ever_appears_in_status_health_or_metrics() {
        try (ZoomWsHarness h = ZoomWsHarness.connected()) {
            h.zoom().closeAll(4000, "bad " + h.tokens.currentAccessToken().orElseThrow());
            await().atMost(WAIT).until(() -> h.zoom().totalConnects() == 2 && h.status().connected());
            String everything = h.bridge.get("/ws/status").body() + h.bridge.get("/health").body() + h.metrics();
            for (String token : h.tokens.issued()) {
                assertThat(everything).doesNotContain(token);
            }
            assertThat(h.status().lastError()).contains("code=4000").doesNotContain("sim_at_");
        }
    }
}
