package com.zoomoverlay.bridge.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.zoomoverlay.bridge.support.ChildBridge;
import com.zoomoverlay.bridge.support.RawWebSocket;
import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ping flood against a bridge with a small heap, in a JVM of its own: a client that floods pings
 * and never reads once took the bridge down (its pongs piled up until OutOfMemoryError). The frame budget is
 * lifted in the first test so that only the pong budget holds: at most a few pongs on their way per client, the
 * pings past them dropped and counted, reading paused at each drop (resumed by the sweep), and the client cut
 * when it leaves the bridge's own ping unanswered (or its pongs stop leaving for the stall timeout). Each run
 * is bounded: 4 million pings at most, 20 s for the cut.
 */
class OverlayPingFloodTest {

    @TempDir
    Path workDir;

    @Test
    void four_million_pings_from_a_client_that_never_reads_leave_a_96_mb_bridge_answering() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("SIMULATE", "true");
        env.put("PORT", String.valueOf(TestBridge.freePort()));
        env.put("DATA_DIR", workDir.resolve("data").toString());
        // the frame budget out of the way: only the pong budget and the stall cut stand
        Map<String, String> properties = Map.of("bridge.simulator.scripted-story", "false",
                "bridge.overlay.max-client-frames-per-second", "1000000000",
                "bridge.overlay.stall-timeout", "2s");
        try (ChildBridge child = ChildBridge.start(workDir, env, properties,
                List.of("-Xmx96m", "-XX:+ExitOnOutOfMemoryError"))) {
            for (int round = 0; round < 2; round++) {
                try (RawWebSocket flood = RawWebSocket.open(child.port(), "/overlay/events")) {
                    assertThat(flood.floodPings(4_000_000)).as("cut before all 4 million pings were taken").isNotNegative();
                    assertThat(flood.closedWithin(Duration.ofSeconds(20))).isTrue();
                }
                assertThat(child.isAlive()).isTrue();
                assertThat(child.get("/health").statusCode()).isEqualTo(200);
            }
            String metrics = child.get("/metrics").body();
            // cut for its pongs not leaving (not_reading) or, as it reads nothing, for the bridge's ping (no_pong)
            assertThat(sample(metrics, "overlay_clients_closed_total{reason=\"not_reading\"}")
                    + sample(metrics, "overlay_clients_closed_total{reason=\"no_pong\"}")).isEqualTo(2.0);
            assertThat(sample(metrics, "overlay_frames_dropped_total{reason=\"pong_backlog\"}")).isPositive();
        }
    }

    private static double sample(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1))).orElse(0.0);
    }

    @Test
    void with_the_default_frame_budget_a_flood_is_cut_at_once() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("SIMULATE", "true");
        env.put("PORT", String.valueOf(TestBridge.freePort()));
        env.put("DATA_DIR", workDir.resolve("data").toString());
        try (ChildBridge child = ChildBridge.start(workDir, env, Map.of("bridge.simulator.scripted-story", "false"),
                List.of("-Xmx96m", "-XX:+ExitOnOutOfMemoryError"))) {
            try (RawWebSocket flood = RawWebSocket.open(child.port(), "/overlay/events")) {
                assertThat(flood.floodPings(4_000_000)).isNotNegative();
                assertThat(flood.closedWithin(Duration.ofSeconds(20))).isTrue();
            }
            assertThat(child.isAlive()).isTrue();
            assertThat(child.get("/health").statusCode()).isEqualTo(200);
            assertThat(child.get("/metrics").body()).contains("overlay_clients_closed_total{reason=\"flood\"} 1.0");
        }
    }
}
