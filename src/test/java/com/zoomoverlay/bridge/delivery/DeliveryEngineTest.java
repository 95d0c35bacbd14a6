package com.zoomoverlay.bridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.support.MutableClock;
import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TestReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery engine's promises on the real bridge and a real receiver: order kept across a failing
 * route, the outbox limit, {@code max-age}, a lane that overflows its memory bound, and a window of
 * requests in flight.
 */
class DeliveryEngineTest {

    private static final String ADMIN = WebhookDeliveryTest.ADMIN;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long TS = 1_795_000_000_000L;

    private final TestReceiver receiver = new TestReceiver();
    private final RouteGuard guard = new RouteGuard();
    private TestBridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        receiver.close();
    }

    /** The store the bridge runs on: the embedded one here, PostgreSQL in the subclass. */
    Map<String, String> storeEnv() {
        return Map.of();
    }

    private TestBridge start(Map<String, String> extra, Clock clock) {
        Map<String, String> env = new HashMap<>(Map.of(
                "SIMULATE", "true",
                "ADMIN_TOKEN", ADMIN,
                "OVERLAY_WEBHOOK_URL", receiver.url(),
                "OVERLAY_WEBHOOK_SECRET", WebhookDeliveryTest.SECRET,
                "camel.main.routes-include-pattern", "classpath:delivery/guarded-route.camel.yaml",
                "bridge.delivery.retry-check-ms", "20",
                "bridge.delivery.retry-initial-ms", "20",
                "bridge.delivery.retry-max-ms", "50",
                "bridge.accept.routing-retry-ms", "10"));
        env.putAll(storeEnv());
        env.putAll(extra);
        bridge = TestBridge.start(env, clock, camel -> camel.getRegistry().bind(RouteGuard.BEAN_NAME, guard));
        return bridge;
    }

    @Test
    void an_event_whose_route_fails_is_retried_in_place_then_dead_lettered_and_the_stream_goes_on_in_order()
            throws Exception {
        start(Map.of(), Clock.systemUTC());
        String poison = poison(TS + 1);
        List<String> sent = List.of(Events.join(0, TS), poison, Events.join(2, TS + 2), Events.join(3, TS + 3));
        for (int i = 0; i < sent.size(); i++) {
            Events.accept(bridge, sent.get(i), TS + i);
        }
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 3);
        assertThat(bodies()).containsExactly(sent.get(0), sent.get(2), sent.get(3));
        assertThat(guard.refused.get()).as("three attempts, in place").isEqualTo(3);

        JsonNode dead = deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).path("target").asText()).isEqualTo("routes");
        assertThat(dead.get(0).path("reason").asText()).isEqualTo("routing_failed");
        assertThat(dead.get(0).path("lastError").asText()).contains("route step refused the event");
        assertThat(metrics()).contains("bridge_events_routing_failed_total 1.0")
                .contains("delivery_dead_lettered_total{event_type=\"meeting.participant_joined\",reason=\"routing_failed\",target=\"routes\"} 1.0");

        // the route is fixed: replaying the dead letter routes the event again, and it is delivered
        guard.armed.set(false);
        JsonNode replay = Json.MAPPER.readTree(admin("POST", "/admin/dead-letters/replay",
                "{\"reason\":\"routing_failed\"}").body());
        assertThat(replay.path("replayed").asInt()).isEqualTo(1);
        assertThat(replay.path("byTarget").path("routes").asInt()).isEqualTo(1);
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 4);
        assertThat(bodies().get(3)).isEqualTo(poison);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void a_replay_with_a_target_in_the_body_replays_that_targets_dead_letters_only_and_says_which() throws Exception {
        receiver.answerNext(1, 400);
        start(Map.of(), Clock.systemUTC());
        Events.accept(bridge, Events.join(0, TS), TS);
        Events.accept(bridge, poison(TS + 1), TS + 1);
        await().atMost(WAIT).until(() -> deadLetters().size() == 2);
        Map<String, String> idsByTarget = new HashMap<>();
        for (JsonNode d : deadLetters()) {
            idsByTarget.put(d.path("target").asText(), d.path("id").asText());
        }
        assertThat(idsByTarget).containsOnlyKeys("default", "routes");

        // the case: a body target used to be ignored, and every dead letter went out again
        JsonNode replay = Json.MAPPER.readTree(admin("POST", "/admin/dead-letters/replay",
                "{\"target\":\"default\"}").body());
        assertThat(replay.path("replayed").asInt()).isEqualTo(1);
        assertThat(replay.path("byTarget").toString()).isEqualTo("{\"default\":1}");
        assertThat(replay.path("ids").toString()).isEqualTo("[" + idsByTarget.get("default") + "]");
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
        assertThat(bodies()).containsExactly(Events.join(0, TS));
        JsonNode left = deadLetters();
        assertThat(left).hasSize(1);
        assertThat(left.get(0).path("id").asText()).isEqualTo(idsByTarget.get("routes"));
        assertThat(guard.refused.get()).as("the routes dead letter was not routed again").isEqualTo(3);
    }

    @Test
    void an_event_with_a_type_longer_than_zoom_sends_is_dead_lettered_and_the_events_behind_it_all_arrive()
            throws Exception {
        start(Map.of(), Clock.systemUTC());
        String longType = "meeting." + "x".repeat(200);
        String odd = "{\"event\":\"" + longType + "\",\"event_ts\":" + TS + ",\"payload\":{}}";
        bridge.camel().createProducerTemplate().sendBodyAndHeader("direct:zoom-accept", odd,
                com.zoomoverlay.bridge.events.EventHeaders.EVENT_TYPE, longType);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add(Events.join(i, TS + 1 + i));
            Events.accept(bridge, sent.get(i), TS + 1 + i);
        }
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 50);
        assertThat(bodies()).containsExactlyElementsOf(sent);
        JsonNode dead = deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).path("reason").asText()).isEqualTo("event_type_too_long");
        assertThat(dead.get(0).path("eventType").asText()).hasSize(128).endsWith("...");
        assertThat(metrics()).contains("bridge_events_rejected_total{reason=\"event_type_too_long\"} 1.0")
                .contains("event_type=\"other\",reason=\"event_type_too_long\"");
    }

    @Test
    void a_stream_held_up_by_a_hanging_route_is_reported_by_health_and_metrics_until_it_moves_again() throws Exception {
        MutableClock clock = MutableClock.atNow();
        start(Map.of("bridge.accept.stall-after-ms", "10000"), clock);
        String stuck = Events.join(1, TS).replace("Guest 1", "Stuck");
        Events.acceptAsync(bridge, stuck, TS);
        // the stream is held up by the hanging route, and the next event waits behind it
        assertThat(guard.hanging.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Events.acceptAsync(bridge, Events.join(2, TS + 1), TS + 1);
        await().atMost(WAIT).until(() -> metrics().contains("bridge_accept_queue_depth 1.0"));
        clock.advance(Duration.ofSeconds(11));
        JsonNode stream = streamCheck();
        assertThat(stream.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(stream.path("warning").asText()).contains("stalled");
        assertThat(metrics()).contains("bridge_stream_stalled 1.0");

        guard.stuck.countDown();
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 2);
        await().atMost(WAIT).until(() -> "UP".equals(streamCheck().path("status").asText()));
        assertThat(metrics()).contains("bridge_stream_stalled 0.0");
    }

    private JsonNode streamCheck() throws Exception {
        return Json.MAPPER.readTree(bridge.get("/health").body()).path("checks").path("stream");
    }

    @Test
    void the_same_event_accepted_twice_is_delivered_once() {
        start(Map.of(), Clock.systemUTC());
        String event = Events.join(1, TS);
        Events.accept(bridge, event, TS);
        Events.accept(bridge, event, TS);
        Events.accept(bridge, Events.join(2, TS + 1), TS + 1);
        // deliveries are in order: once the last one is in, a repeat of the first would have been too
        await().atMost(WAIT).until(() -> bodies().contains(Events.join(2, TS + 1)));
        assertThat(bodies()).containsExactly(event, Events.join(2, TS + 1));
        assertThat(metrics()).contains("bridge_events_duplicates_total{transport=\"websocket\"} 1.0");
    }

    @Test
    void a_repeat_older_than_the_memory_of_recent_ids_is_still_dropped_by_the_store() {
        // a memory of one id: the first event has left it when it comes again, so only the store can tell
        start(Map.of("bridge.accept.recent-ids", "1"), Clock.systemUTC());
        String first = Events.join(1, TS);
        Events.accept(bridge, first, TS);
        Events.accept(bridge, Events.join(2, TS + 1), TS + 1);
        Events.accept(bridge, first, TS);
        Events.accept(bridge, Events.join(3, TS + 2), TS + 2);
        await().atMost(WAIT).until(() -> bodies().contains(Events.join(3, TS + 2)));
        assertThat(bodies()).containsExactly(first, Events.join(2, TS + 1), Events.join(3, TS + 2));
        assertThat(metrics()).contains("bridge_events_duplicates_total{transport=\"websocket\"} 1.0");
    }

    @Test
    void beyond_the_outbox_limit_new_deliveries_are_dead_lettered_as_outbox_full_and_health_says_so() throws Exception {
        receiver.answerAlways(503);
        start(Map.of("bridge.delivery.outbox-limit", "3"), Clock.systemUTC());
        for (int i = 0; i < 5; i++) {
            Events.accept(bridge, Events.join(i, TS + i), TS + i);
        }
        await().atMost(WAIT).until(() -> deadLetters().size() == 2);
        for (JsonNode d : deadLetters()) {
            assertThat(d.path("reason").asText()).isEqualTo("outbox_full");
        }
        JsonNode delivery = Json.MAPPER.readTree(bridge.get("/health").body()).path("checks").path("delivery");
        assertThat(delivery.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(delivery.path("outboxDepth").asInt()).isEqualTo(3);
        assertThat(delivery.path("warning").asText()).contains("outbox full");
        assertThat(metrics()).contains("delivery_outbox_limit 3.0")
                .contains("delivery_dead_lettered_total{event_type=\"meeting.participant_joined\",reason=\"outbox_full\",target=\"default\"} 2.0");

        // nothing accepted was lost: once the receiver is back, the three are delivered, and the two replayed
        receiver.answerAlways(200);
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 3);
        admin("POST", "/admin/dead-letters/replay?reason=outbox_full", "");
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 5);
        assertThat(receiver.accepted().stream().map(r -> r.header("webhook-id")).distinct()).hasSize(5);
    }

    @Test
    void a_delivery_older_than_the_targets_max_age_is_dead_lettered_as_expired_instead_of_arriving_late() throws Exception {
        MutableClock clock = MutableClock.atNow();
        receiver.answerAlways(503);
        start(Map.of("bridge.targets.default.max-age", "2m"), clock);
        Events.accept(bridge, Events.join(1, TS), TS);
        await().atMost(WAIT).until(() -> receiver.requests().size() >= 1);
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        await().atMost(WAIT).until(() -> deadLetters().size() == 1);
        assertThat(deadLetters().get(0).path("reason").asText()).isEqualTo("expired");

        // a fresh one still goes, once the receiver is back
        receiver.answerAlways(200);
        Events.accept(bridge, Events.join(2, TS + 1), TS + 1);
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
        assertThat(receiver.accepted().get(0).body()).isEqualTo(Events.join(2, TS + 1));
    }

    @Test
    void a_lane_over_its_memory_bound_reads_the_rest_back_from_the_store_in_order() {
        receiver.answerAlways(503);
        start(Map.of("bridge.delivery.lane-memory-limit", "4"), Clock.systemUTC());
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            sent.add(Events.join(i, TS + i));
            Events.accept(bridge, sent.get(i), TS + i);
        }
        await().atMost(WAIT).until(() -> receiver.requests().size() >= 2);
        receiver.answerAlways(200);
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 25);
        assertThat(bodies()).containsExactlyElementsOf(sent);
    }

    @Test
    void a_target_with_a_window_of_requests_in_flight_gets_every_event_once() {
        start(Map.of("bridge.targets.default.max-in-flight", "8"), Clock.systemUTC());
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add(Events.join(i, TS + i));
            Events.accept(bridge, sent.get(i), TS + i);
        }
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 200);
        assertThat(bodies()).containsExactlyInAnyOrderElementsOf(sent);
    }

    private static String poison(long ts) {
        return "{\"event\":\"meeting.participant_joined\",\"event_ts\":" + ts + ",\"payload\":{\"account_id\":\"acct\","
                + "\"object\":{\"id\":\"85746065001\",\"participant\":{\"user_name\":\"Poison\",\"id\":\"p1\"}}}}";
    }

    private List<String> bodies() {
        return receiver.accepted().stream().map(TestReceiver.Request::body).toList();
    }

    private String metrics() {
        return bridge.get("/metrics").body();
    }

    private JsonNode deadLetters() throws Exception {
        return Json.MAPPER.readTree(admin("GET", "/admin/dead-letters", null).body()).path("deadLetters");
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        return bridge.send(HttpRequest.newBuilder(bridge.uri(path)).header("Authorization", "Bearer " + ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }
}
