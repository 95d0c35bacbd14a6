package com.zoomoverlay.bridge.zoom;

import static com.zoomoverlay.bridge.zoom.ZoomWsHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The live reconnect policy against the real simulator, in clock time: each reconnect wait comes due
 * only when the test moves the clock ({@link SteppedScheduler}), so a 2-minute outage is played
 * attempt by attempt and the gap after Zoom is back is measured on the injected clock, not the wall.
 */
class ZoomWsOutageTest {

    private static final Duration LIVE_CAP = Duration.ofMillis(1_500);

    /** Zoom drops the bridge and refuses it for {@code length}; answers the gap from Zoom's return to build_connection. */
    private static Duration outage(ZoomWsHarness h, Duration length) {
        long refusedBefore = h.zoom().refusedConnects();
        h.zoom().refuse();
        h.zoom().dropAll();
        await().atMost(WAIT).until(() -> !h.status().connected() && h.scheduler.waiting());
        Instant start = h.clock.instant();
        Instant back = start.plus(length);
        while (h.scheduler.nextDue().orElseThrow().isBefore(back)) {
            h.stepReconnect();
            await().atMost(WAIT).until(() -> h.scheduler.waiting());
        }
        h.clock.set(back);
        h.zoom().acceptConnections();
        while (h.stepReconnect()) {
            // until connected
        }
        Instant connectedAt = h.status().connectedSince();
        long refused = h.zoom().refusedConnects() - refusedBefore;
        // Bounded attempts: about one per second once capped, never a storm.
        assertThat(refused).as("attempts in %s", length).isBetween(1L, length.toMillis() / 750 + 4);
        return Duration.between(back, connectedAt);
    }

    @Test
    void repeated_outages_of_different_lengths_are_each_back_within_the_live_cap_with_one_connection() {
        try (ZoomWsHarness h = ZoomWsHarness.stepped(Map.of())) {
            List<Duration> gaps = new ArrayList<>();
            for (long seconds : new long[] {2, 5, 10, 30, 120, 3}) {
                Duration gap = outage(h, Duration.ofSeconds(seconds));
                assertThat(gap).as("%d s outage", seconds).isLessThanOrEqualTo(LIVE_CAP);
                gaps.add(gap);
                // Zoom stable for a while before the next one: the next outage starts its count afresh.
                h.clock.advance(Duration.ofSeconds(11));
            }
            assertThat(h.zoom().peakConnections()).isEqualTo(1);
            assertThat(h.zoom().totalConnects()).isEqualTo(1 + gaps.size());
            JsonNode status = h.get("/ws/status");
            assertThat(status.path("gaps").path("count").asLong()).isEqualTo(gaps.size());
            assertThat(status.path("gaps").path("last")).hasSize(gaps.size());
            assertThat(status.path("gaps").path("last").get(0).path("reason").asText()).isEqualTo("connection lost (no close frame)");
            assertThat(h.metrics()).contains("zoom_ws_gaps_seconds_count " + gaps.size() + "\n");
        }
    }

    @Test
    void a_flapping_server_is_retried_at_the_capped_pace_not_from_the_first_wait_again() {
        try (ZoomWsHarness h = ZoomWsHarness.stepped(Map.of())) {
            h.zoom().flapNext(6);
            h.zoom().dropAll();
            List<Duration> waits = new ArrayList<>();
            await().atMost(WAIT).until(() -> h.scheduler.waiting());
            while (true) {
                await().atMost(WAIT).until(() -> h.scheduler.waiting()
                        || (h.status().connected() && h.zoom().flappedConnections() == 6 && h.zoom().connectionCount() == 1));
                if (!h.scheduler.waiting()) {
                    break;
                }
                waits.add(h.scheduler.fireNext());
            }
            assertThat(h.zoom().flappedConnections()).isEqualTo(6);
            assertThat(waits).hasSize(7);
            // 250, 500, 1000 ms ceilings, then the cap: a flap does not start over at the first wait.
            assertThat(waits.subList(3, waits.size())).allSatisfy(w -> assertThat(w).isBetween(Duration.ofMillis(750), LIVE_CAP));
            assertThat(h.status().consecutiveFailures()).isEqualTo(7);
            assertThat(h.zoom().peakConnections()).isEqualTo(1);
        }
    }

    @Test
    void a_drop_right_after_a_4700_reconnect_starts_with_the_first_wait_not_a_carried_count() {
        try (ZoomWsHarness h = ZoomWsHarness.stepped(Map.of())) {
            h.clock.advance(Duration.ofSeconds(11));
            h.simulator().tokens().revokeAccessToken(h.tokens.currentAccessToken().orElseThrow());
            h.zoom().closeAll(4700, "Invalid access token");
            await().atMost(WAIT).until(() -> h.zoom().totalConnects() == 2 && h.status().connected());
            assertThat(h.scheduler.fired()).isZero();

            h.zoom().dropAll();
            await().atMost(WAIT).until(() -> h.scheduler.waiting());
            assertThat(h.scheduler.fireNext()).isLessThanOrEqualTo(Duration.ofMillis(250));
            h.awaitConnected();
            assertThat(h.status().consecutiveFailures()).isEqualTo(1);
        }
    }

    @Test
    void a_second_4700_in_a_row_needs_attention_and_is_not_retried() {
        try (ZoomWsHarness h = ZoomWsHarness.stepped(Map.of())) {
            h.zoom().rejectTokens(true);
            h.zoom().closeAll(4700, "Invalid access token");
            await().atMost(WAIT).until(() -> h.status().state() == ZoomWsState.TOKEN_REJECTED);
            assertThat(h.tokens.refreshes()).isEqualTo(1);
            assertThat(h.zoom().rejectedTokens()).isEqualTo(1);
            // Nothing waits to try again: not retried forever.
            assertThat(h.scheduler.waiting()).isFalse();
            JsonNode status = h.get("/ws/status");
            assertThat(status.path("needsAttention").asBoolean()).isTrue();
            assertThat(status.path("state").asText()).isEqualTo("token_rejected");
            assertThat(status.path("lastError").asText()).contains("4700 twice in a row");
            JsonNode zoom = h.get("/health").path("checks").path("zoom");
            assertThat(zoom.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(zoom.path("needsAttention").asBoolean()).isTrue();
            assertThat(h.metrics()).contains("zoom_ws_token_refreshes_total{outcome=\"rejected_again\"} 1.0");

            // Someone fixed the app and logged in again: a new token is tried at once.
            h.zoom().rejectTokens(false);
            h.tokens.login();
            h.awaitConnected();
            assertThat(h.status().needsAttention()).isFalse();
            assertThat(h.zoom().peakConnections()).isEqualTo(1);
        }
    }
}
