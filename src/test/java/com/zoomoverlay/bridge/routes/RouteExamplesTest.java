package com.zoomoverlay.bridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.outputs.FakeHost;
import com.zoomoverlay.bridge.simulator.graphics.FakeH2r;
import com.zoomoverlay.bridge.simulator.graphics.FakeSingular;
import com.zoomoverlay.bridge.simulator.graphics.FakeVmix;
import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TestReceiver;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worked examples in routes/examples, switched on together (ROUTES_DIR=routes/examples) on the real
 * bridge: each does what its comment promises, through the durable outbox, to webhook receivers and to
 * the fakes of vMix, Singular and H2R Graphics.
 */
class RouteExamplesTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String TOKEN = "priv-3f9c2a7e11d04b8c";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final TestReceiver defaultTarget = new TestReceiver();
    private static final TestReceiver chat = new TestReceiver();
    private static final TestReceiver graphics = new TestReceiver();
    private static final TestReceiver keynote = new TestReceiver();
    private static final FakeHost fakes = new FakeHost();
    private static final FakeHost vmixHost = new FakeHost(); // vMix's and H2R's APIs sit at the root of their port
    private static final FakeHost h2rHost = new FakeHost();
    private static final FakeVmix vmix = new FakeVmix(Map.of("LowerThird.gtzip", List.of("Name.Text", "Title.Text")));
    private static final FakeSingular singular = new FakeSingular(Set.of(TOKEN));
    private static final FakeH2r h2r = new FakeH2r("ABCD", List.of("roster"));
    private static TestBridge bridge;

    @BeforeAll
    static void start() {
        vmix.addRoutes(vmixHost.router(), "");
        singular.addRoutes(fakes.router(), "/singular");
        h2r.addRoutes(h2rHost.router(), "");
        Map<String, String> env = new HashMap<>(Map.of(
                "SIMULATE", "true",
                "ROUTES_DIR", "routes/examples",
                "camel.main.routes-reload-enabled", "false",
                "OVERLAY_WEBHOOK_URL", defaultTarget.url(),
                "OVERLAY_WEBHOOK_SECRET", SECRET));
        for (Map.Entry<String, TestReceiver> hook : Map.of("chat", chat, "graphics", graphics, "keynote", keynote).entrySet()) {
            env.put("bridge.targets." + hook.getKey() + ".url", hook.getValue().url());
            env.put("bridge.targets." + hook.getKey() + ".secret", SECRET);
        }
        env.put("bridge.targets.studio-vmix.url", vmixHost.url());
        env.put("bridge.targets.chat-wall.url", fakes.url() + "/singular/datastreams");
        env.put("bridge.targets.chat-wall.token", TOKEN);
        env.put("bridge.targets.graphics-h2r.url", h2rHost.url() + "/api/ABCD");
        bridge = TestBridge.start(env);
    }

    @AfterAll
    static void stop() {
        bridge.close();
        fakes.close();
        vmixHost.close();
        h2rHost.close();
        List.of(defaultTarget, chat, graphics, keynote).forEach(TestReceiver::close);
    }

    @Test
    void chat_messages_also_go_to_the_chat_target() {
        accept(chatEvent("1001", "Grace", "hi from chat", 11));
        await().atMost(WAIT).until(() -> chat.accepted().stream().anyMatch(r -> r.body().contains("hi from chat")));
        assertThat(chat.accepted()).noneMatch(r -> r.body().contains("participant_joined"));
        await().atMost(WAIT).until(() -> defaultTarget.accepted().stream().anyMatch(r -> r.body().contains("hi from chat")));
    }

    @Test
    void joins_become_lower_thirds_for_the_graphics_target() throws Exception {
        accept(join("1002", "Ada \\\"The Countess\\\" Lovelace", "Keynote", "p-1002", 12));
        await().atMost(WAIT).until(() -> graphics.accepted().stream().anyMatch(r -> r.body().contains("The Countess")));
        JsonNode lowerThird = Json.MAPPER.readTree(graphics.accepted().stream()
                .filter(r -> r.body().contains("The Countess")).findFirst().orElseThrow().body());
        assertThat(lowerThird.path("type").asText()).isEqualTo("lower_third");
        assertThat(lowerThird.path("name").asText()).isEqualTo("Ada \"The Countess\" Lovelace");
    }

    @Test
    void one_meetings_events_also_go_to_its_own_target() {
        accept(join("85746065001", "Keynote Speaker", "Keynote", "p-k", 13));
        accept(join("99999999999", "Someone Else", "Other", "p-o", 14));
        await().atMost(WAIT).until(() -> keynote.accepted().stream().anyMatch(r -> r.body().contains("Keynote Speaker")));
        await().atMost(WAIT).until(() -> defaultTarget.accepted().stream().anyMatch(r -> r.body().contains("Someone Else")));
        assertThat(keynote.accepted()).noneMatch(r -> r.body().contains("Someone Else"));
    }

    @Test
    void a_join_is_a_vmix_lower_third_until_they_leave() {
        accept(join("1004", "Hedy Lamarr", "Frequency hopping", "p-1004", 15));
        await().atMost(WAIT).until(() -> "Hedy Lamarr".equals(vmix.text("LowerThird.gtzip", "Name.Text"))
                && "LowerThird.gtzip".equals(vmix.overlay(1)));
        assertThat(vmix.text("LowerThird.gtzip", "Title.Text")).isEqualTo("Frequency hopping");
        accept(leave("1004", "Hedy Lamarr", "p-1004", 16));
        await().atMost(WAIT).until(() -> vmix.overlay(1) == null);
    }

    @Test
    void chat_goes_to_the_singular_chat_wall() {
        accept(chatEvent("1005", "Alan Turing", "Can everyone see the slides?", 17));
        await().atMost(WAIT).until(() -> singular.received().stream().anyMatch(p -> "Alan Turing".equals(p.getString("name"))));
        JsonObject payload = singular.received().stream().filter(p -> "Alan Turing".equals(p.getString("name"))).findFirst().orElseThrow();
        assertThat(payload.getString("text")).isEqualTo("Can everyone see the slides?");
        assertThat(payload.getString("meetingId")).isEqualTo("1005");
    }

    @Test
    void a_meetings_roster_is_an_h2r_ticker() {
        accept(join("1006", "Ada", "Roster show", "r-1", 18));
        accept(join("1006", "Grace", "Roster show", "r-2", 19));
        accept(leave("1006", "Ada", "r-1", 20));
        await().atMost(WAIT).until(() -> h2r.content("roster").getJsonArray("items") != null
                && h2r.content("roster").getJsonArray("items").size() == 1
                && h2r.content("roster").getString("title").equals("Roster show"));
        assertThat(h2r.content("roster").getJsonArray("items").getJsonObject(0).getString("body")).isEqualTo("Grace");
        assertThat(h2r.onAir("roster")).isTrue();
    }

    private static String join(String meetingId, String name, String topic, String uuid, long ts) {
        return "{\"event\":\"meeting.participant_joined\",\"event_ts\":" + ts + ",\"payload\":{\"object\":{\"id\":\""
                + meetingId + "\",\"topic\":\"" + topic + "\",\"participant\":{\"participant_uuid\":\"" + uuid
                + "\",\"user_name\":\"" + name + "\"}}}}";
    }

    private static String leave(String meetingId, String name, String uuid, long ts) {
        return join(meetingId, name, "", uuid, ts).replace("participant_joined", "participant_left").replace("\"topic\":\"\",", "");
    }

    private static String chatEvent(String meetingId, String name, String text, long ts) {
        return "{\"event\":\"meeting.chat_message_sent\",\"event_ts\":" + ts + ",\"payload\":{\"object\":{\"id\":\"" + meetingId
                + "\",\"chat_message\":{\"sender_name\":\"" + name + "\",\"message\":\"" + text + "\"}}}}";
    }

    private static void accept(String body) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        bridge.camel().createProducerTemplate().sendBodyAndHeaders("direct:zoom-accept", body, Map.of(
                EventHeaders.EVENT_TYPE, json.path("event").asText(),
                EventHeaders.MEETING_ID, json.path("payload").path("object").path("id").asText(),
                EventHeaders.EVENT_TS, json.path("event_ts").asLong(),
                EventHeaders.EVENT_ID, com.zoomoverlay.bridge.events.EventKeys.eventId(body),
                EventHeaders.TRANSPORT, "websocket"));
    }
}
