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

    /** One outage as the bridge lived it, in clock time. */
    private record Played(Duration gap, Duration firstWait, long refused) {
    }

    /** Zoom drops the bridge and refuses it for {@code length}. */
    private static Played outage(ZoomWsHarness h, Duration length) {
        return outage(h, length, () -> h.zoom().dropAll());
    }

    /**
     * Zoom goes away ({@code goAway}) and refuses the bridge for {@code length}; answers the gap from
     * Zoom's return to build_connection, the outage's first wait and the refused attempts.
     */
    private static Played outage(ZoomWsHarness h, Duration length, Runnable goAway) {
        long refusedBefore = h.zoom().refusedConnects();
        int gapsBefore = h.status().lastGaps().size();
        h.zoom().refuse();
        goAway.run();
        await().atMost(WAIT).until(() -> !h.status().connected() && h.scheduler.waiting());
        Instant start = h.clock.instant();
        Duration firstWait = Duration.between(start, h.scheduler.nextDue().orElseThrow());
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
        // The gap is reported on the same build_connection, a moment after the state says connected.
        await().atMost(WAIT).until(() -> h.status().lastGaps().size() == Math.min(gapsBefore + 1, ZoomWsStatus.GAPS_LISTED));
        ZoomWsGap gap = h.status().lastGaps().get(0);
        assertThat(gap.to()).isEqualTo(connectedAt);
        // The wait after the loss plus one per refusal: what /ws/status and the bridge.gap event say it took.
        assertThat(gap.attempts()).as("gap attempts in %s", length).isEqualTo(refused + 1);
        return new Played(Duration.between(back, connectedAt), firstWait, refused);
    }

    @Test
    void repeated_outages_of_different_lengths_are_each_back_within_the_live_cap_with_one_connection() {
        try (ZoomWsHarness h = ZoomWsHarness.stepped(Map.of())) {
            List<Duration> gaps = new ArrayList<>();
            for (long seconds : new long[] {2, 5, 10, 30, 120, 3}) {
                Played played = outage(h, Duration.ofSeconds(seconds));
                assertThat(played.gap()).as("%d s outage", seconds).isLessThanOrEqualTo(LIVE_CAP);
                // Each outage starts its count afresh: the first wait is the first one's (250 ms at most), not a carried one.
                assertThat(played.firstWait()).as("first wait of the %d s outage", seconds)
                        .isLessThanOrEqualTo(Duration.ofMillis(250));
                gaps.add(played.gap());
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
    void an_outage_announced_with_a_close_frame_is_ridden_out_the_same_way() {
        try (ZoomWsHarness h = ZoomWsHarness.stepped(Map.of())) {
            Played played = outage(h, Duration.ofSeconds(5), () -> h.zoom().closeAll(1011, "server restarting"));
            assertThat(played.gap()).isLessThanOrEqualTo(LIVE_CAP);
            assertThat(h.status().reconnects()).isEqualTo(played.refused() + 1);
            assertThat(h.status().lastGaps().get(0).reason()).contains("code=1011");
            assertThat(h.zoom().peakConnections()).isEqualTo(1);
            assertThat(h.metrics()).contains("zoom_ws_disconnects_total{code=\"1011\"} 1.0");
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
            // Nothing waits to try again (and below: nothing was tried meanwhile): not retried forever.
            assertThat(h.scheduler.waiting()).isFalse();
            long connects = h.zoom().totalConnects();
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
            // The supervisor decides in order on one context: an attempt or refresh it had queued while it stood
            // would have come before the login's connect, as a second rejection or another refresh.
            assertThat(h.zoom().totalConnects()).isEqualTo(connects + 1);
            assertThat(h.zoom().rejectedTokens()).isEqualTo(1);
            assertThat(h.tokens.refreshes()).isEqualTo(1);
            assertThat(h.scheduler.fired()).isZero();
        }
    }

    @Test
    void a_4700_after_a_connection_that_held_is_a_first_one_again_and_refreshes() {
        try (ZoomWsHarness h = ZoomWsHarness.stepped(Map.of())) {
            for (int i = 1; i <= 2; i++) {
                h.clock.advance(Duration.ofSeconds(11));
                h.simulator().tokens().revokeAccessToken(h.tokens.currentAccessToken().orElseThrow());
                h.zoom().closeAll(4700, "Invalid access token");
                long expected = i + 1;
                await().atMost(WAIT).until(() -> h.zoom().totalConnects() == expected && h.status().connected());
                assertThat(h.tokens.refreshes()).isEqualTo(i);
            }
            assertThat(h.status().needsAttention()).isFalse();
            assertThat(h.scheduler.fired()).isZero();
            assertThat(h.metrics()).contains("zoom_ws_token_refreshes_total{outcome=\"ok\"} 2.0");
        }
    }

    @Test
    void a_4700_right_after_the_refreshed_token_was_built_still_counts_as_in_a_row() {
        try (ZoomWsHarness h = ZoomWsHarness.stepped(Map.of())) {
            h.simulator().tokens().revokeAccessToken(h.tokens.currentAccessToken().orElseThrow());
            h.zoom().closeAll(4700, "Invalid access token");
            await().atMost(WAIT).until(() -> h.zoom().totalConnects() == 2 && h.status().connected());
            // Built, but no clock time has passed: the new token has not proven itself yet.
            h.simulator().tokens().revokeAccessToken(h.tokens.currentAccessToken().orElseThrow());
            h.zoom().closeAll(4700, "Invalid access token");
            await().atMost(WAIT).until(() -> h.status().state() == ZoomWsState.TOKEN_REJECTED);
            assertThat(h.tokens.refreshes()).isEqualTo(1);
            assertThat(h.status().needsAttention()).isTrue();
            assertThat(h.scheduler.waiting()).isFalse();
            assertThat(h.zoom().peakConnections()).isEqualTo(1);
        }
    }

    @Test
    void token_trouble_after_an_outage_reports_its_own_start_not_the_old_outages() {
        try (ZoomWsHarness h = ZoomWsHarness.stepped(Map.of())) {
            Played earlier = outage(h, Duration.ofSeconds(5));
            assertThat(earlier.refused()).isPositive();
            h.clock.advance(Duration.ofSeconds(11));
            Instant lost = h.clock.instant();
            h.zoom().rejectTokens(true);
            h.zoom().closeAll(4700, "Invalid access token");
            await().atMost(WAIT).until(() -> h.status().state() == ZoomWsState.TOKEN_REJECTED);
            JsonNode status = h.get("/ws/status");
            // No wait was scheduled for it (a token, not Zoom, is the trouble), yet it is a new outage.
            assertThat(status.path("outageSince").asText()).isEqualTo(lost.toString());
            assertThat(status.path("attempts").asInt()).isZero();
        }
    }
}
