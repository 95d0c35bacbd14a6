package com.zoomoverlay.bridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.http.HttpReplies;
import com.zoomoverlay.bridge.oauth.StandaloneZoom;
import com.zoomoverlay.bridge.support.ChildBridge;
import com.zoomoverlay.bridge.support.SimulatedLogin;
import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TestPostgres;
import com.zoomoverlay.bridge.support.TestReceiver;
import com.zoomoverlay.bridge.zoom.ZoomWsStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real proof of failover: the leader is a child JVM killed with SIGKILL (no release of the lock,
 * no goodbye to Zoom), the follower runs in this JVM; both share PostgreSQL and a lock directory, with
 * the default cluster timings. One simulated Zoom outlives them both and counts connections.
 */
class FailoverTest {

    private static final String ADMIN = "admin-token-0123456789";
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final int EVENTS = 15;

    @TempDir
    Path workDir;

    @Test
    void login_through_the_follower_then_kill_9_of_the_leader_hands_zoom_and_the_outbox_to_the_follower() throws Exception {
        int portA = TestBridge.freePort();
        int portB = TestBridge.freePort();
        TestPostgres db = TestPostgres.freshSchema();
        try (StandaloneZoom zoom = new StandaloneZoom(Clock.systemUTC(), portA, portB);
             TestReceiver receiver = new TestReceiver().answerAlways(503)) {
            Map<String, String> env = new HashMap<>(zoom.env(StandaloneZoom.KEY_A, db.env()));
            env.remove("bridge.oauth.check-interval");
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            env.put("ADMIN_TOKEN", ADMIN);
            env.put("ROUTES_DIR", Path.of("routes").toAbsolutePath().toString());
            env.put("CLUSTER_LOCK_DIR", workDir.resolve("lock").toString());
            env.put("OVERLAY_WEBHOOK_URL", receiver.url());
            env.put("OVERLAY_WEBHOOK_SECRET", SECRET);

            Map<String, String> envA = new HashMap<>(env);
            envA.put("PORT", String.valueOf(portA));
            envA.put("DATA_DIR", workDir.resolve("a").toString());
            envA.put("CLUSTER_REPLICA_ID", "replica-a");
            Map<String, String> envB = new HashMap<>(env);
            envB.put("PORT", String.valueOf(portB));
            envB.put("DATA_DIR", workDir.resolve("b").toString());
            envB.put("CLUSTER_REPLICA_ID", "replica-b");
            envB.put("bridge.delivery.retry-check-ms", "20");

            // peakConnections counts every moment Zoom saw two sockets for the subscription, however brief.
            zoom.simulator.events().resetPeak();

            try (ChildBridge a = ChildBridge.start(workDir, envA, Map.of(
                    "bridge.delivery.retry-check-ms", "20", "bridge.delivery.retry-initial-ms", "50",
                    "bridge.delivery.retry-max-ms", "200"))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> cluster(a.get("/health").body()).path("leader").asBoolean());
                try (TestBridge b = TestBridge.start(envB)) {
                    JsonNode seenByB = cluster(b.get("/health").body());
                    assertThat(seenByB.path("leader").asBoolean()).isFalse();
                    assertThat(seenByB.path("leaderReplica").asText()).isEqualTo("replica-a");

                    // Login through the follower: the leader (another process) connects within seconds.
                    SimulatedLogin.login(b.uri("/"), ADMIN);
                    await().atMost(Duration.ofSeconds(5))
                            .until(() -> a.get("/ws/status").body().contains("\"connected\":true"));
                    assertThat(ZoomWsStatus.of(b.camel()).connected()).isFalse();

                    // Events accepted by the leader, not delivered yet (the receiver is down).
                    Set<String> sent = zoom.simulator.events().burst(EVENTS).stream().map(FailoverTest::normalized)
                            .collect(Collectors.toSet());
                    await().atMost(Duration.ofSeconds(20)).until(() -> outboxDepth(a) >= EVENTS);

                    a.kill();
                    receiver.answerAlways(200);
                    await().atMost(Duration.ofSeconds(10)).until(() -> ZoomWsStatus.of(b.camel()).connected());
                    assertThat(zoom.simulator.events().peakConnections()).as("never two Zoom connections").isEqualTo(1);

                    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                        JsonNode cluster = HttpReplies.JSON.readTree(b.get("/ws/status").body()).path("cluster");
                        assertThat(cluster.path("leader").asBoolean()).isTrue();
                        assertThat(cluster.path("leaderReplica").asText()).isEqualTo("replica-b");
                        assertThat(cluster.path("leaderSince").asText()).isNotBlank();
                    });

                    // Every event the dead leader accepted is delivered by the new one; a repeat (at least
                    // once) carries the same webhook-id as the first try.
                    await().atMost(Duration.ofSeconds(30)).until(() -> delivered(receiver).containsAll(sent));
                    Map<String, Set<String>> idsPerBody = new ConcurrentHashMap<>();
                    for (TestReceiver.Request r : receiver.accepted()) {
                        idsPerBody.computeIfAbsent(normalized(r.body()), k -> ConcurrentHashMap.newKeySet()).add(r.header("webhook-id"));
                    }
                    assertThat(idsPerBody.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
                }
            }
        } finally {
            db.drop();
        }
    }

    private static Set<String> delivered(TestReceiver receiver) {
        return receiver.accepted().stream().map(r -> normalized(r.body())).collect(Collectors.toSet());
    }

    private static JsonNode cluster(String health) throws Exception {
        return HttpReplies.JSON.readTree(health).path("checks").path("cluster");
    }

    private static long outboxDepth(ChildBridge bridge) throws Exception {
        return HttpReplies.JSON.readTree(bridge.get("/health").body()).path("checks").path("delivery")
                .path("outboxDepth").asLong();
    }

    private static String normalized(String json) {
        try {
            return HttpReplies.JSON.readTree(json).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
