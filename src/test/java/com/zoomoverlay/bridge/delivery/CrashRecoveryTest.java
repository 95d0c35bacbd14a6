package com.zoomoverlay.bridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.support.ChildBridge;
import com.zoomoverlay.bridge.support.SimulatedLogin;
import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TestPostgres;
import com.zoomoverlay.bridge.support.TestReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge killed with SIGKILL in the middle of a downstream outage loses nothing it accepted. */
class CrashRecoveryTest {

    private static final String ADMIN = WebhookDeliveryTest.ADMIN;
    private static final int EVENTS = 20;

    @TempDir
    Path workDir;

    @Test
    void bridge_killed_mid_outage_delivers_the_pending_events_after_restart_in_order() throws Exception {
        killMidOutage(Map.of());
    }

    @Test
    void on_postgresql_too() throws Exception {
        TestPostgres db = TestPostgres.freshSchema();
        try {
            killMidOutage(db.env());
        } finally {
            db.drop();
        }
    }

    private void killMidOutage(Map<String, String> store) throws Exception {
        try (TestReceiver receiver = new TestReceiver().answerAlways(503)) {
            Map<String, String> env = env(receiver);
            env.putAll(store);
            List<String> sent;
            try (ChildBridge first = ChildBridge.start(workDir, env, properties())) {
                SimulatedLogin.login(first.uri("/"), ADMIN);
                await().atMost(Duration.ofSeconds(30)).until(() -> first.get("/ws/status").body().contains("\"connected\":true"));
                var burst = first.post("/simulator/control/ws/burst?count=" + EVENTS);
                assertThat(burst.statusCode()).isEqualTo(200);
                sent = new ArrayList<>();
                Json.MAPPER.readTree(burst.body()).path("events").forEach(e -> sent.add(normalized(e.asText())));
                // killed the moment the last event is acknowledged as stored: what was acknowledged must survive
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                        .until(() -> outboxDepth(first) == EVENTS);
                first.kill();
            }
            assertThat(receiver.accepted()).isEmpty();

            receiver.answerAlways(200);
            try (ChildBridge second = ChildBridge.start(workDir, env, properties())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> zoomEvents(receiver).size() >= EVENTS);
                List<String> ids = zoomEvents(receiver).stream().map(r -> r.header("webhook-id")).toList();
                assertThat(ids).hasSize(EVENTS).doesNotHaveDuplicates();
                // the whole order survives the crash: every event, as the simulator sent them
                assertThat(zoomEvents(receiver).stream().map(r -> normalized(r.body())).toList())
                        .containsExactlyElementsOf(sent);
                // and the delivery retried before the crash is the first delivered after it
                assertThat(ids.get(0)).isEqualTo(receiver.requests().get(0).header("webhook-id"));
                await().atMost(Duration.ofSeconds(10)).until(() -> outboxDepth(second) == 0);
            }
        }
    }

    /**
     * What the receiver accepted of Zoom's events: the restarted bridge may also send a bridge.gap (reason
     * bridge_restart) for the time it was down, once the first one had stored when Zoom was last alive.
     */
    private static List<TestReceiver.Request> zoomEvents(TestReceiver receiver) {
        return receiver.accepted().stream().filter(r -> !r.body().contains("\"event\":\"bridge.gap\"")).toList();
    }

    private Map<String, String> env(TestReceiver receiver) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("SIMULATE", "true");
        env.put("ADMIN_TOKEN", ADMIN);
        env.put("PORT", String.valueOf(TestBridge.freePort()));
        env.put("DATA_DIR", workDir.resolve("data").toString());
        env.put("OVERLAY_WEBHOOK_URL", receiver.url());
        env.put("OVERLAY_WEBHOOK_SECRET", WebhookDeliveryTest.SECRET);
        return env;
    }

    private static Map<String, String> properties() {
        return Map.of("bridge.simulator.scripted-story", "false",
                "bridge.delivery.retry-check-ms", "20",
                "bridge.delivery.retry-initial-ms", "50",
                "bridge.delivery.retry-max-ms", "200");
    }

    private static String normalized(String json) {
        try {
            return Json.MAPPER.readTree(json).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long outboxDepth(ChildBridge bridge) throws Exception {
        return Json.MAPPER.readTree(bridge.get("/health").body()).path("checks").path("delivery")
                .path("outboxDepth").asLong();
    }
}
