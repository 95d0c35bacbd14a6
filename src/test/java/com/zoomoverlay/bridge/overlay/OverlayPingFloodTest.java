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
 * lifted here so that only the back-pressure holds: reading stops while the client's write queue is full, and
 * the client is cut once frames have waited for it for the stall timeout.
 */
class OverlayPingFloodTest {

    @TempDir
    Path workDir;

    @Test
    @org.junit.jupiter.api.Disabled("OPEN (issue 13): with the frame budget lifted, the pongs still pile up in Netty's"
            + " ChannelOutboundBuffer (373k entries seen) and the 96 MB child dies; the default budget (next test) holds")
    void four_million_pings_from_a_client_that_never_reads_leave_a_96_mb_bridge_answering() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("SIMULATE", "true");
        env.put("PORT", String.valueOf(TestBridge.freePort()));
        env.put("DATA_DIR", workDir.resolve("data").toString());
        Map<String, String> properties = Map.of("bridge.simulator.scripted-story", "false",
                "bridge.overlay.max-client-frames-per-second", "1000000000",
                "bridge.overlay.stall-timeout", "2s");
        try (ChildBridge child = ChildBridge.start(workDir, env, properties,
                List.of("-Xmx96m", "-XX:+ExitOnOutOfMemoryError"))) {
            for (int round = 0; round < 2; round++) {
                try (RawWebSocket flood = RawWebSocket.open(child.port(), "/overlay/events")) {
                    long sent = flood.floodPings(4_000_000);
                    assertThat(sent).as("cut before all 4 million pings were taken").isNotNegative();
                }
                assertThat(child.isAlive()).isTrue();
                assertThat(child.get("/health").statusCode()).isEqualTo(200);
            }
            assertThat(child.get("/metrics").body()).contains("overlay_clients_closed_total{reason=\"not_reading\"} 2.0");
        }
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
