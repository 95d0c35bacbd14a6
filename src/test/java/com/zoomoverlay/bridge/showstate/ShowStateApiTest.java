package com.zoomoverlay.bridge.showstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.overlay.OverlayFeed;
import com.zoomoverlay.bridge.overlay.OverlayModule;
import com.zoomoverlay.bridge.support.MutableClock;
import com.zoomoverlay.bridge.support.TestBridge;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The show state on the real bridge: the API, the store across a restart, and the snapshot seam. */
class ShowStateApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final List<TestBridge> bridges = new ArrayList<>();

    @AfterEach
    void stop() {
        bridges.forEach(TestBridge::close);
    }

    @Test
    void api_serves_live_meetings_and_one_meeting_or_404() throws Exception {
        TestBridge bridge = start(Map.of("SIMULATE", "true"));
        accept(bridge, ShowStateTest.started("85746065001", "uuid-1", 1_000));
        accept(bridge, ShowStateTest.joined("85746065001", "uuid-1", "p-ada", "Ada Lovelace", 1_100));
        accept(bridge, ShowStateTest.joined("85746065001", "uuid-1", "p-grace", "Grace Hopper", 1_200));
        accept(bridge, ShowStateTest.left("85746065001", "uuid-1", "p-ada", 1_300));

        JsonNode all = json(bridge.get("/api/meetings").body());
        assertThat(all.path("meetings")).hasSize(1);
        JsonNode m = all.path("meetings").get(0);
        assertThat(m.path("id").asText()).isEqualTo("85746065001");
        assertThat(m.path("uuid").asText()).isEqualTo("uuid-1");
        assertThat(m.path("topic").asText()).isEqualTo("Show");
        assertThat(m.path("startedAt").asText()).isEqualTo("1970-01-01T00:00:01Z");
        assertThat(m.path("participants")).hasSize(1);
        assertThat(m.path("participants").get(0).path("id").asText()).isEqualTo("p-grace");
        assertThat(m.path("participants").get(0).path("name").asText()).isEqualTo("Grace Hopper");
        assertThat(m.path("participants").get(0).path("joinedAt").asText()).isEqualTo("1970-01-01T00:00:01.200Z");

        var one = bridge.get("/api/meetings/85746065001");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one.body()).path("participants")).hasSize(1);
        var missing = bridge.get("/api/meetings/404404");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing.body()).path("error").asText()).isEqualTo("not_found");
        assertThat(missing.headers().firstValue("Content-Security-Policy")).contains("default-src 'self'");

        accept(bridge, ShowStateTest.ended("85746065001", "uuid-1", 1_400));
        assertThat(json(bridge.get("/api/meetings").body()).path("meetings")).isEmpty();
        assertThat(bridge.get("/metrics").body()).contains("show_meetings 0.0");
    }

    @Test
    void overlay_token_guards_the_api_when_set() throws Exception {
        TestBridge bridge = start(Map.of("SIMULATE", "true", "OVERLAY_TOKEN", "overlay-secret-7"));
        assertThat(bridge.get("/api/meetings").statusCode()).isEqualTo(401);
        assertThat(bridge.get("/api/meetings?token=wrong").statusCode()).isEqualTo(401);
        assertThat(bridge.get("/api/meetings/1").statusCode()).isEqualTo(401);
        assertThat(bridge.get("/api/meetings?token=overlay-secret-7").statusCode()).isEqualTo(200);
        var bearer = bridge.send(HttpRequest.newBuilder(bridge.uri("/api/meetings"))
                .header("Authorization", "Bearer overlay-secret-7").GET().build());
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(bearer.body()).doesNotContain("overlay-secret-7");
    }

    @Test
    void state_survives_a_restart_and_a_late_event_of_an_ended_meeting_stays_out() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
        TestBridge first = start(Map.of("SIMULATE", "true"), clock);
        long t = clock.millis();
        accept(first, ShowStateTest.joined("m-live", "u1", "p-ada", "Ada", t));
        accept(first, ShowStateTest.joined("m-live", "u1", "p-bob", "Bob", t + 1));
        accept(first, ShowStateTest.left("m-live", "u1", "p-bob", t + 2));
        accept(first, ShowStateTest.joined("m-gone", "u2", "p-cy", "Cy", t + 3));
        accept(first, ShowStateTest.ended("m-gone", "u2", t + 10));
        String before = first.get("/api/meetings").body();
        first.close();
        bridges.remove(first);

        TestBridge second = start(Map.of("SIMULATE", "true", "DATA_DIR", first.dataDir().toString()), clock);
        assertThat(second.get("/api/meetings").body()).isEqualTo(before);
        accept(second, ShowStateTest.joined("m-gone", "u2", "p-late", "Late", t + 5));
        accept(second, ShowStateTest.joined("m-live", "u1", "p-dee", "Dee", t + 20));
        JsonNode meetings = json(second.get("/api/meetings").body()).path("meetings");
        assertThat(meetings).hasSize(1);
        assertThat(meetings.get(0).path("participants").findValuesAsText("name")).containsExactly("Ada", "Dee");
    }

    @Test
    void the_roster_bean_reads_the_stored_show_state_so_it_is_whole_after_a_restart() throws Exception {
        Map<String, String> env = Map.of("SIMULATE", "true", "DATA_DIR", TestBridge.tempDir().toString(),
                "camel.main.routes-include-pattern", "classpath:showstate/roster-events.camel.yaml");
        List<String> rosters = new CopyOnWriteArrayList<>();
        Processor recorder = exchange -> rosters.add(exchange.getMessage().getBody(String.class));
        try (TestBridge first = TestBridge.start(env, java.time.Clock.systemUTC(), camel -> camel.getRegistry().bind("rosterRecorder", recorder))) {
            accept(first, ShowStateTest.joined("m-roster", "u1", "p-ada", "Ada", 1_000));
            accept(first, ShowStateTest.joined("m-roster", "u1", "p-bob", "Bob", 1_001));
            accept(first, ShowStateTest.joined("m-roster", "u1", "p-cy", "Cy", 1_002));
        }
        assertThat(names(rosters.get(rosters.size() - 1))).containsExactly("Ada", "Bob", "Cy");
        try (TestBridge second = TestBridge.start(env, java.time.Clock.systemUTC(), camel -> camel.getRegistry().bind("rosterRecorder", recorder))) {
            // The first event after the restart: the roster still has everyone who had joined before it.
            accept(second, ShowStateTest.left("m-roster", "u1", "p-bob", 1_003));
            JsonNode roster = json(rosters.get(rosters.size() - 1));
            assertThat(roster.path("meetingId").asText()).isEqualTo("m-roster");
            assertThat(roster.path("topic").asText()).isEqualTo("Show");
            assertThat(names(rosters.get(rosters.size() - 1))).containsExactly("Ada", "Cy");
            // A late join of someone who left already stays out, as on /api/meetings.
            accept(second, ShowStateTest.joined("m-roster", "u1", "p-bob", "Bob", 1_001));
            assertThat(names(rosters.get(rosters.size() - 1))).containsExactly("Ada", "Cy");
            accept(second, ShowStateTest.ended("m-roster", "u1", 1_004));
            assertThat(json(rosters.get(rosters.size() - 1)).path("participants")).isEmpty();
        }
    }

    private static List<String> names(String roster) {
        return json(roster).path("participants").findValuesAsText("name");
    }

    @Test
    void a_meeting_without_events_for_the_idle_time_is_dropped() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
        TestBridge bridge = start(Map.of("SIMULATE", "true", "bridge.show.meeting-idle", "1h",
                "bridge.show.expiry-check-ms", "50"), clock);
        accept(bridge, ShowStateTest.joined("m1", "u1", "p-ada", "Ada", clock.millis()));
        assertThat(json(bridge.get("/api/meetings").body()).path("meetings")).hasSize(1);
        clock.advance(Duration.ofMinutes(61));
        await().atMost(WAIT).until(() -> json(bridge.get("/api/meetings").body()).path("meetings").isEmpty());
    }

    @Test
    void the_first_frame_is_a_snapshot_and_a_client_joining_mid_burst_sees_every_join_exactly_once() throws Exception {
        TestBridge bridge = start(Map.of("SIMULATE", "true"));
        accept(bridge, ShowStateTest.started("m1", "u1", 1_000));
        int total = 1_200;
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                senders.add(pool.submit(() -> {
                    ProducerTemplate template = bridge.camel().createProducerTemplate();
                    for (int i = thread; i < total; i += threads) {
                        send(template, ShowStateTest.joined("m1", "u1", "p-" + i, "Person " + i, 2_000 + i));
                    }
                    return null;
                }));
            }
            ShowKeeper keeper = keeper(bridge);
            await().atMost(WAIT).until(() -> keeper.counts()[1] >= total / 4);
            Client client = Client.connect(bridge);
            for (Future<?> sender : senders) {
                sender.get();
            }
            assertThat(keeper.counts()[1]).as("the burst was still going when the client connected").isEqualTo(total);
            await().atMost(WAIT).until(() -> client.seen().size() >= total);

            JsonNode snapshot = json(client.frames.get(0));
            assertThat(snapshot.path("event").asText()).isEqualTo("bridge.snapshot");
            assertThat(snapshot.path("event_ts").isNumber()).isTrue();
            Set<String> inSnapshot = new HashSet<>(snapshot.path("payload").path("meetings").get(0).path("participants").findValuesAsText("id"));
            List<String> live = client.liveJoins();
            assertThat(inSnapshot).isNotEmpty().hasSizeLessThan(total);
            assertThat(live).doesNotHaveDuplicates().doesNotContainAnyElementsOf(inSnapshot);
            assertThat(inSnapshot.size() + live.size()).isEqualTo(total);
        } finally {
            pool.shutdownNow();
        }
    }

    private TestBridge start(Map<String, String> env) {
        TestBridge bridge = TestBridge.start(env);
        bridges.add(bridge);
        return bridge;
    }

    private TestBridge start(Map<String, String> env, java.time.Clock clock) {
        TestBridge bridge = TestBridge.start(env, clock);
        bridges.add(bridge);
        return bridge;
    }

    private static ShowKeeper keeper(TestBridge bridge) {
        return bridge.camel().getRegistry().lookupByNameAndType(ShowStateModule.BEAN_NAME, ShowKeeper.class);
    }

    private static void accept(TestBridge bridge, JsonNode event) {
        send(bridge.camel().createProducerTemplate(), event);
    }

    private static void send(ProducerTemplate template, JsonNode event) {
        template.sendBodyAndHeader("direct:zoom-accept", event.toString(), "ZoomEventType", event.path("event").asText());
    }

    private static JsonNode json(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** Reads every frame as it comes. */
    static final class Client implements WebSocket.Listener {
        final List<String> frames = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        static Client connect(TestBridge bridge) {
            OverlayFeed feed = bridge.camel().getRegistry().lookupByNameAndType(OverlayModule.BEAN_NAME, OverlayFeed.class);
            int before = feed.clientCount();
            Client client = new Client();
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + bridge.port() + "/overlay/events"), client).join();
            await().atMost(WAIT).until(() -> feed.clientCount() > before);
            return client;
        }

        /** Participant ids in the snapshot and in live joins together. */
        Set<String> seen() {
            Set<String> all = new HashSet<>(liveJoins());
            if (!frames.isEmpty()) {
                all.addAll(json(frames.get(0)).path("payload").path("meetings").path(0).path("participants").findValuesAsText("id"));
            }
            return all;
        }

        List<String> liveJoins() {
            List<String> ids = new ArrayList<>();
            for (String frame : frames.subList(1, frames.size())) {
                JsonNode e = json(frame);
                if (e.path("event").asText().equals("meeting.participant_joined")) {
                    ids.add(e.path("payload").path("object").path("participant").path("participant_uuid").asText());
                }
            }
            return ids;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
