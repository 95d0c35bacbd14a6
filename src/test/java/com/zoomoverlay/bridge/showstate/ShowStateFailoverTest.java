package com.zoomoverlay.bridge.showstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.support.ChildBridge;
import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TwoReplicas;
import com.zoomoverlay.bridge.zoom.ZoomWsStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The show state across a real failover: the leader (a child JVM) is killed with SIGKILL mid-meeting,
 * and the follower that takes over serves the same {@code /api/meetings}, hands a new overlay client the
 * same state as its {@code bridge.snapshot}, goes on from it with the next events, and reports the
 * window in which nobody received Zoom's events as a {@code bridge.gap} (reason {@code failover}).
 */
class ShowStateFailoverTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void the_new_leader_serves_the_same_meetings_and_snapshot_reports_the_gap_and_goes_on() throws Exception {
        try (TwoReplicas replicas = new TwoReplicas(workDir)) {
            // The test plays the scripted meeting itself, step by step.
            replicas.zoom.simulator.events().pauseStory(true);
            // The leader stores when Zoom was last alive every 50 ms (default 5 s), so the kill below comes after a write.
            ChildBridge a = replicas.startLeader(Map.of("bridge.zoom.ws.alive-write-ms", "50"));
            TestBridge b = replicas.startFollower(Map.of());
            replicas.loginThroughFollower();

            // The scripted meeting's start: started, Ada and Grace join and chat, Grace shares, Alan joins.
            long last = lastEventTs(replicas.zoom.simulator.events().burst(7));
            // Waits for the whole state, not only the last event_ts: events sent in the same millisecond share
            // it, so the meeting can carry the last one's time while later events are still on their way.
            AtomicReference<String> state = new AtomicReference<>();
            await().atMost(WAIT).untilAsserted(() -> {
                state.set(a.get("/api/meetings").body());
                JsonNode meeting = json(state.get()).path("meetings").path(0);
                assertThat(lastEventAt(state.get())).isEqualTo(last);
                assertThat(meeting.path("participants").findValuesAsText("name"))
                        .containsExactlyInAnyOrder("Ada Lovelace", "Grace Hopper", "Alan Turing");
                assertThat(meeting.path("sharing").path("name").asText()).isEqualTo("Grace Hopper");
                assertThat(meeting.path("chat")).hasSize(2);
            });
            String before = state.get();
            // The follower reads the leader's state from the store.
            await().atMost(WAIT).untilAsserted(() -> assertThat(b.get("/api/meetings").body()).isEqualTo(before));

            await().atMost(WAIT).until(() -> storedAlive(replicas).orElse(0L) >= last);
            long aliveBeforeKill = storedAlive(replicas).orElseThrow();
            a.kill();
            Instant killed = Instant.now();
            await().atMost(WAIT).until(() -> ZoomWsStatus.of(b.camel()).connected());
            assertThat(b.get("/api/meetings").body()).isEqualTo(before);

            // Zoom events sent between the dead leader's last frame and the new leader's connection may be
            // missing: the new leader says so with a bridge.gap, routed like any event (here: the webhook).
            await().atMost(WAIT).until(() -> gapDelivered(replicas).isPresent());
            Instant seen = Instant.now();
            JsonNode gap = gapDelivered(replicas).orElseThrow().path("payload");
            assertThat(gap.path("reason").asText()).isEqualTo("failover");
            Instant from = Instant.parse(gap.path("from").asText());
            assertThat(from.toEpochMilli()).isGreaterThanOrEqualTo(aliveBeforeKill);
            assertThat(from).isBeforeOrEqualTo(killed);
            // to: the new leader's build_connection (taken just after it counted as connected)
            assertThat(Instant.parse(gap.path("to").asText()))
                    .isAfterOrEqualTo(ZoomWsStatus.of(b.camel()).connectedSince()).isBeforeOrEqualTo(seen);
            JsonNode status = json(b.get("/ws/status").body()).path("gaps");
            assertThat(status.path("last").get(0).path("reason").asText()).isEqualTo("failover");

            ShowStateApiTest.Client client = ShowStateApiTest.Client.connect(b);
            await().atMost(WAIT).until(() -> !client.frames.isEmpty());
            JsonNode snapshot = json(client.frames.get(0));
            assertThat(snapshot.path("event").asText()).isEqualTo("bridge.snapshot");
            assertThat(snapshot.path("payload").path("meetings")).isEqualTo(json(before).path("meetings"));

            // The new leader goes on from the stored state: Alan chats and leaves.
            long next = lastEventTs(replicas.zoom.simulator.events().burst(2));
            await().atMost(WAIT).untilAsserted(() -> {
                String body = b.get("/api/meetings").body();
                JsonNode after = json(body).path("meetings").path(0);
                assertThat(lastEventAt(body)).isEqualTo(next);
                assertThat(after.path("participants").findValuesAsText("name"))
                        .containsExactlyInAnyOrder("Ada Lovelace", "Grace Hopper");
                assertThat(after.path("sharing").path("name").asText()).isEqualTo("Grace Hopper");
                assertThat(after.path("chat").findValuesAsText("sender"))
                        .containsExactlyInAnyOrder("Ada Lovelace", "Grace Hopper", "Alan Turing");
            });
        }
    }

    /** What the leader stored as Zoom's last sign of life (epoch ms), read straight from PostgreSQL. */
    private static Optional<Long> storedAlive(TwoReplicas replicas) throws Exception {
        Map<String, String> env = replicas.db.env();
        try (Connection c = DriverManager.getConnection(env.get("DATABASE_URL"), env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT alive_at FROM zoom_last_alive")) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }

    private static Optional<JsonNode> gapDelivered(TwoReplicas replicas) {
        return replicas.receiver.accepted().stream().map(r -> json(r.body()))
                .filter(e -> e.path("event").asText().equals("bridge.gap")).findFirst();
    }

    private static long lastEventTs(List<String> events) {
        return events.stream().mapToLong(e -> json(e).path("event_ts").asLong()).max().orElseThrow();
    }

    private static long lastEventAt(String meetings) {
        JsonNode list = json(meetings).path("meetings");
        return list.isEmpty() ? -1 : Instant.parse(list.get(0).path("lastEventAt").asText()).toEpochMilli();
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
