package com.zoomoverlay.bridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.support.MutableClock;
import com.zoomoverlay.bridge.support.StandardWebhooksVerifier;
import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TestReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ADMIN = "admin-token-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final TestReceiver receiver = new TestReceiver();
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

    private TestBridge start(Map<String, String> extra, java.time.Clock clock) {
        Map<String, String> env = new HashMap<>(Map.of(
                "SIMULATE", "true",
                "ADMIN_TOKEN", ADMIN,
                "OVERLAY_WEBHOOK_URL", receiver.url(),
                "OVERLAY_WEBHOOK_SECRET", SECRET,
                "bridge.delivery.retry-check-ms", "20",
                "bridge.delivery.retry-initial-ms", "20",
                "bridge.delivery.retry-max-ms", "100"));
        env.putAll(storeEnv());
        env.putAll(extra);
        bridge = TestBridge.start(env, clock);
        return bridge;
    }

    @Test
    void default_route_delivers_signed_webhooks_a_standard_webhooks_verifier_accepts() throws Exception {
        start(Map.of(), java.time.Clock.systemUTC());
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String event = Events.join(i, 1_795_000_000_000L + i);
            sent.add(event);
            Events.accept(bridge, event, 1_795_000_000_000L + i);
        }
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 3);
        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(SECRET, Duration.ofMinutes(5));
        List<TestReceiver.Request> got = receiver.accepted();
        for (int i = 0; i < 3; i++) {
            TestReceiver.Request r = got.get(i);
            assertThat(r.body()).isEqualTo(sent.get(i));
            assertThat(r.header("content-type")).startsWith("application/json");
            assertThat(r.header("webhook-id")).startsWith("msg_");
            verifier.verify(r.header("webhook-id"), r.header("webhook-timestamp"), r.header("webhook-signature"),
                    r.body(), Instant.now());
        }
        assertThat(got.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(3);
        assertThat(bridge.get("/metrics").body())
                .contains("delivery_delivered_total{event_type=\"meeting.participant_joined\",target=\"default\"} 3.0")
                .contains("delivery_latency_seconds_count{target=\"default\"} 3");
    }

    @Test
    void a_target_answering_503_for_a_while_gets_every_event_once_per_webhook_id_in_order() {
        receiver.answerNext(7, 503);
        start(Map.of(), java.time.Clock.systemUTC());
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String event = Events.join(i, 1_795_000_000_000L + i);
            sent.add(event);
            Events.accept(bridge, event, 1_795_000_000_000L + i);
        }
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 5);
        assertThat(receiver.accepted().stream().map(TestReceiver.Request::body).toList()).containsExactlyElementsOf(sent);
        List<String> ids = receiver.accepted().stream().map(r -> r.header("webhook-id")).toList();
        assertThat(new LinkedHashSet<>(ids)).hasSize(5);
        // every retry of the first event carried the id it was finally accepted with
        assertThat(receiver.requests().subList(0, 8).stream().map(r -> r.header("webhook-id")).distinct().toList())
                .containsExactly(ids.get(0));
        assertThat(bridge.get("/metrics").body())
                .contains("delivery_retried_total{event_type=\"meeting.participant_joined\",target=\"default\"} 7.0");
        // where the time went: each of the 12 requests timed, and each delivery's wait for its first one
        await().atMost(WAIT).untilAsserted(() -> assertThat(bridge.get("/metrics").body())
                .contains("delivery_request_seconds_count{target=\"default\"} 12")
                .contains("delivery_lane_wait_seconds_count{target=\"default\"} 5"));
    }

    @Test
    void a_failing_target_degrades_health_but_keeps_the_service_up() throws Exception {
        receiver.answerAlways(503);
        start(Map.of(), java.time.Clock.systemUTC());
        Events.accept(bridge, Events.join(1, 1L), 1L);
        await().atMost(WAIT).until(() -> receiver.requests().size() >= 2);
        var health = bridge.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode delivery = Json.MAPPER.readTree(health.body()).path("checks").path("delivery");
        assertThat(delivery.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(delivery.path("failingTargets").path("default").asText()).isEqualTo("HTTP 503");
    }

    @Test
    void retry_after_of_a_429_is_honoured() {
        MutableClock clock = MutableClock.atNow();
        receiver.answerNext(1, 429).withRetryAfter("120");
        // two in flight: a later event may pass the one waiting, and its delivery shows the lane looked at both
        start(Map.of("bridge.targets.default.max-in-flight", "2"), clock);
        String first = Events.join(1, 1L);
        Events.accept(bridge, first, 1L);
        await().atMost(WAIT).until(() -> receiver.requests().size() == 1);
        // the bridge has taken the answer in (and scheduled the retry from the clock as it stands)
        await().atMost(WAIT).until(() -> bridge.get("/metrics").body().contains("delivery_retried_total{"));
        // the clock stands still at 119 s: the lane sends the second event, and in that same pass (first in its
        // queue) finds the first not yet due; with the bridge's own backoff (at most 100 ms) it would be due
        clock.advance(Duration.ofSeconds(119));
        String second = Events.join(2, 2L);
        Events.accept(bridge, second, 2L);
        await().atMost(WAIT).until(() -> receiver.requests().size() >= 2);
        assertThat(receiver.requests().stream().map(TestReceiver.Request::body).toList()).containsExactly(first, second);
        clock.advance(Duration.ofSeconds(2));
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 2);
        assertThat(receiver.accepted().get(1).body()).isEqualTo(first);
    }

    @Test
    void a_400_is_dead_lettered_at_once_and_replay_delivers_it() throws Exception {
        receiver.answerNext(1, 400);
        start(Map.of(), java.time.Clock.systemUTC());
        Events.accept(bridge, Events.join(1, 1L), 1L);
        Events.accept(bridge, Events.join(2, 2L), 2L);
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
        assertThat(receiver.requests()).hasSize(2);

        JsonNode dead = Json.MAPPER.readTree(admin("GET", "/admin/dead-letters", null).body()).path("deadLetters");
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).path("target").asText()).isEqualTo("default");
        assertThat(dead.get(0).path("lastError").asText()).isEqualTo("HTTP 400");
        assertThat(dead.get(0).path("reason").asText()).isEqualTo("rejected");
        // one documented shape (docs/delivery.md), which the console reads as is
        List<String> fields = new ArrayList<>();
        dead.get(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "target", "eventType", "webhookId", "attempts", "reason", "lastError",
                "createdAt", "deadLetteredAt");
        assertThat(dead.get(0).path("attempts").asInt()).isEqualTo(1);
        String webhookId = dead.get(0).path("webhookId").asText();

        var replay = admin("POST", "/admin/dead-letters/replay?id=" + dead.get(0).path("id").asText(), "");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(replay.body()).path("replayed").asInt()).isEqualTo(1);
        await().atMost(WAIT).until(() -> receiver.accepted().size() == 2);
        assertThat(receiver.accepted().get(1).header("webhook-id")).isEqualTo(webhookId);
        assertThat(Json.MAPPER.readTree(admin("GET", "/admin/dead-letters", null).body()).path("deadLetters")).isEmpty();

        JsonNode status = Json.MAPPER.readTree(admin("GET", "/admin/delivery/status", null).body()).path("targets");
        assertThat(status.get(0).path("name").asText()).isEqualTo("default");
        assertThat(status.get(0).path("delivered").asInt()).isEqualTo(2);
        assertThat(status.get(0).path("deadLetters").asInt()).isZero();
    }

    @Test
    void admin_routes_need_the_admin_token_and_reject_bad_replay_requests() {
        start(Map.of(), java.time.Clock.systemUTC());
        assertThat(bridge.get("/admin/dead-letters").statusCode()).isEqualTo(401);
        assertThat(bridge.get("/admin/delivery/status").statusCode()).isEqualTo(401);
        assertThat(bridge.send(HttpRequest.newBuilder(bridge.uri("/admin/dead-letters/replay"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(401);
        assertThat(admin("POST", "/admin/dead-letters/replay?id=abc", "").statusCode()).isEqualTo(400);
        assertThat(admin("POST", "/admin/dead-letters/replay?target=nope", "").statusCode()).isEqualTo(400);
        assertThat(admin("POST", "/admin/dead-letters/replay", "{not json").statusCode()).isEqualTo(400);
        assertThat(admin("POST", "/admin/dead-letters/replay", "{\"target\":\"default\"}").statusCode()).isEqualTo(200);
        // the body's selectors are honoured like the query's: an unknown target or id is a 400, nothing replayed
        var bodyTarget = admin("POST", "/admin/dead-letters/replay", "{\"target\":\"nope\"}");
        assertThat(bodyTarget.statusCode()).isEqualTo(400);
        assertThat(bodyTarget.body()).contains("\"error\":\"bad_request\"").contains("no delivery target named nope")
                .doesNotContain("replayed");
        assertThat(admin("POST", "/admin/dead-letters/replay", "{\"id\":987654}").statusCode()).isEqualTo(400);
        assertThat(admin("POST", "/admin/dead-letters/replay", "{\"targets\":\"default\"}").statusCode()).isEqualTo(400);
    }

    private java.net.http.HttpResponse<String> admin(String method, String path, String body) {
        return bridge.send(HttpRequest.newBuilder(bridge.uri(path)).header("Authorization", "Bearer " + ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }
}
