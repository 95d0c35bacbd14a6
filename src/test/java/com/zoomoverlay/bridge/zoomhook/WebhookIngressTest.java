package com.zoomoverlay.bridge.zoomhook;

import static com.zoomoverlay.bridge.zoomhook.WebhookHarness.WAIT;
import static com.zoomoverlay.bridge.zoomhook.WebhookHarness.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.accept.AcceptStore;
import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /zoom/webhook on its own: signature, timestamp, validation challenge, bad input, the durable answer. */
class WebhookIngressTest {

    private static WebhookHarness h;

    @BeforeAll
    static void start() {
        h = WebhookHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    private static long stored() {
        return h.bridge.camel().getRegistry().lookupByNameAndType(AcceptStore.BEAN_NAME, AcceptStore.class).count();
    }

    @Test
    void a_signed_event_is_stored_before_the_200_and_routed_once_with_webhook_as_transport() throws Exception {
        long before = stored();
        String body = event("meeting.participant_joined", h.clock.millis(), "stored before the answer");
        HttpResponse<String> r = h.signed(body);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("status").asText()).isEqualTo("stored");
        // the answer came after the batch commit: the store has it already, no waiting
        assertThat(stored()).isEqualTo(before + 1);
        assertThat(r.headers().firstValue("Strict-Transport-Security")).isPresent();
        await().atMost(WAIT).until(() -> h.downstream.bodies().stream().anyMatch(b -> b.contains("stored before the answer")));
        Map<String, Object> headers = h.downstream.headers().get(h.downstream.bodies().size() - 1);
        assertThat(headers).containsEntry(EventHeaders.TRANSPORT, "webhook")
                .containsEntry(EventHeaders.EVENT_TYPE, "meeting.participant_joined")
                .containsEntry(EventHeaders.MEETING_ID, "85746065001")
                .containsEntry(EventHeaders.ACCOUNT_ID, "acc");

        HttpResponse<String> again = h.signed(body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("status").asText()).isEqualTo("duplicate");
        assertThat(stored()).isEqualTo(before + 1);
    }

    @Test
    void url_validation_is_answered_with_the_hmac_of_the_plain_token() throws Exception {
        String body = "{\"event\":\"endpoint.url_validation\",\"event_ts\":" + h.clock.millis()
                + ",\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"}}";
        double before = h.metric("zoom_webhook_validations_total");
        HttpResponse<String> r = h.signed(body);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("plainToken").asText()).isEqualTo("qgg8vlvZRS6UYooatFL8Aw");
        assertThat(json(r).path("encryptedToken").asText()).isEqualTo(h.signature.encryptedToken("qgg8vlvZRS6UYooatFL8Aw"));
        assertThat(h.metric("zoom_webhook_validations_total")).isEqualTo(before + 1);
        // not an event: nothing stored, nothing routed
        assertThat(h.downstream.bodies()).noneMatch(b -> b.contains("url_validation"));
    }

    @Test
    void a_missing_or_wrong_signature_is_401_and_counted() throws Exception {
        String body = event("meeting.started", h.clock.millis(), "unsigned");
        String ts = String.valueOf(h.clock.instant().getEpochSecond());
        assertRefused(h.post(body, ts, null), 401, "missing_signature");
        assertRefused(h.post(body, null, h.signature.sign(ts, body.getBytes(StandardCharsets.UTF_8))), 401, "missing_signature");
        assertRefused(h.post(body, ts, new ZoomSignature("not-the-secret").sign(ts, body.getBytes(StandardCharsets.UTF_8))),
                401, "bad_signature");
        // signed for another body, or another timestamp
        assertRefused(h.post(body, ts, h.signature.sign(ts, "{}".getBytes(StandardCharsets.UTF_8))), 401, "bad_signature");
        assertRefused(h.post(body, ts, h.signature.sign(String.valueOf(Long.parseLong(ts) - 1), body.getBytes(StandardCharsets.UTF_8))),
                401, "bad_signature");
        // a validation challenge is only answered when signed: otherwise anyone could use the bridge as an HMAC oracle
        String challenge = "{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"abc\"}}";
        assertRefused(h.post(challenge, ts, "v0=00"), 401, "bad_signature");
        assertNothingRouted("unsigned");
    }

    @Test
    void a_timestamp_more_than_five_minutes_away_is_400_even_when_signed() throws Exception {
        String body = event("meeting.started", h.clock.millis(), "replayed");
        long now = h.clock.instant().getEpochSecond();
        for (long ts : new long[] {now - 301, now + 301}) {
            String t = String.valueOf(ts);
            assertRefused(h.post(body, t, h.signature.sign(t, body.getBytes(StandardCharsets.UTF_8))), 400, "stale_timestamp");
        }
        String ms = String.valueOf(h.clock.millis());
        assertRefused(h.post(body, ms, h.signature.sign(ms, body.getBytes(StandardCharsets.UTF_8))), 400, "stale_timestamp");
        assertRefused(h.post(body, "yesterday", h.signature.sign("yesterday", body.getBytes(StandardCharsets.UTF_8))),
                400, "bad_timestamp");
        // within the window on either side is fine
        String edge = String.valueOf(now - 299);
        assertThat(h.post(body, edge, h.signature.sign(edge, body.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(200);
    }

    @Test
    void the_window_follows_the_bridge_clock() throws Exception {
        String body = event("meeting.started", h.clock.millis(), "clock moved");
        String ts = String.valueOf(h.clock.instant().getEpochSecond());
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        h.clock.advance(Duration.ofMinutes(6));
        try {
            assertRefused(h.post(body, ts, h.signature.sign(ts, raw)), 400, "stale_timestamp");
        } finally {
            h.clock.advance(Duration.ofMinutes(-6));
        }
        assertThat(h.post(body, ts, h.signature.sign(ts, raw)).statusCode()).isEqualTo(200);
    }

    @Test
    void a_malformed_body_is_400_and_counted_and_the_bridge_carries_on() throws Exception {
        for (String bad : new String[] {"", "not json", "[1,2]", "{\"event\":\"meeting.started\",\"payload\":",
                "{\"payload\":{}}", "{\"event\":42,\"payload\":{}}", "{\"event\":\"meeting.started\",\"payload\":\"x\"}",
                "{\"event\":\"endpoint.url_validation\",\"payload\":{}}"}) {
            assertRefused(h.signed(bad), 400, "malformed_body");
        }
        assertRefused(h.signed(event("meeting started!", h.clock.millis(), "bad type")), 400, "bad_event_type");
        // bridge-made events come from the bridge only
        assertRefused(h.signed(event("bridge.gap", h.clock.millis(), "spoofed gap")), 400, "bad_event_type");
        assertNothingRouted("spoofed gap");

        HttpResponse<String> after = h.signed(event("meeting.ended", h.clock.millis(), "after the bad ones"));
        assertThat(after.statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> h.downstream.bodies().stream().anyMatch(b -> b.contains("after the bad ones")));
        assertThat(h.bridge.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void only_post_is_served() {
        HttpResponse<String> r = h.bridge.get(ZoomWebhookRoutes.PATH);
        assertThat(r.statusCode()).isEqualTo(405);
    }

    @Test
    void the_secret_never_shows_in_metrics_or_answers() throws Exception {
        HttpResponse<String> r = h.post("{}", "1", "v0=bad");
        assertThat(r.body()).doesNotContain(WebhookHarness.SECRET);
        assertThat(h.metrics()).doesNotContain(WebhookHarness.SECRET);
    }

    @Test
    void without_a_secret_token_the_endpoint_does_not_exist() {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        try (TestBridge plain = TestBridge.start(Map.of("PROD_CLIENT_ID", "id", "PROD_CLIENT_SECRET", "secret",
                "PROD_WEBSOCKET_URL", "ws://127.0.0.1:9/ws?subscriptionId=x", "TOKEN_ENCRYPTION_KEY", key,
                "ADMIN_TOKEN", WebhookHarness.ADMIN))) {
            HttpResponse<String> r = plain.send(java.net.http.HttpRequest.newBuilder(plain.uri(ZoomWebhookRoutes.PATH))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        }
    }

    private static void assertRefused(HttpResponse<String> r, int status, String reason) throws Exception {
        String sample = "zoom_webhook_rejected_total{reason=\"" + reason + "\"}";
        assertThat(r.statusCode()).as(reason).isEqualTo(status);
        assertThat(json(r).has("error")).isTrue();
        assertThat(json(r).has("message")).isTrue();
        assertThat(h.metric(sample)).as(sample).isGreaterThan(0);
    }

    private static void assertNothingRouted(String marker) {
        assertThat(h.downstream.bodies()).noneMatch(b -> b.contains(marker));
    }
}
