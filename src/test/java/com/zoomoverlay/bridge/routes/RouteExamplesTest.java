package com.zoomoverlay.bridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.http.HttpReplies;
import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TestReceiver;
import com.zoomoverlay.bridge.events.EventHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worked examples in routes/examples do what their comments promise, on the real bridge. */
class RouteExamplesTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final TestReceiver defaultTarget = new TestReceiver();
    private final TestReceiver namedTarget = new TestReceiver();
    private TestBridge bridge;

    @AfterEach
    void stop() {
        bridge.close();
        defaultTarget.close();
        namedTarget.close();
    }

    private void start(String example, String targetName) {
        Map<String, String> env = new HashMap<>(Map.of(
                "SIMULATE", "true",
                "OVERLAY_WEBHOOK_URL", defaultTarget.url(),
                "OVERLAY_WEBHOOK_SECRET", SECRET,
                "camel.main.routes-include-pattern", "file:routes/examples/" + example,
                "camel.main.routes-reload-enabled", "false",
                "bridge.delivery.retry-check-ms", "20"));
        env.put("bridge.targets." + targetName + ".url", namedTarget.url());
        env.put("bridge.targets." + targetName + ".secret", SECRET);
        bridge = TestBridge.start(env);
    }

    @Test
    void chat_messages_also_go_to_the_chat_target() {
        start("chat-to-second-webhook.camel.yaml", "chat");
        accept("meeting.chat_message_sent", "{\"event\":\"meeting.chat_message_sent\",\"event_ts\":1,\"payload\":{\"object\":{\"id\":\"1\",\"chat_message\":{\"message\":\"hi\"}}}}", "1");
        accept("meeting.participant_joined", join("Ada", "1", 2), "1");
        await().atMost(WAIT).until(() -> defaultTarget.accepted().size() == 2 && namedTarget.accepted().size() == 1);
        assertThat(namedTarget.accepted().get(0).body()).contains("meeting.chat_message_sent");
    }

    @Test
    void joins_become_lower_thirds_for_the_graphics_target() throws Exception {
        start("joins-as-lower-thirds.camel.yaml", "graphics");
        accept("meeting.participant_joined", join("Ada \\\"The Countess\\\" Lovelace", "85746065001", 3), "85746065001");
        await().atMost(WAIT).until(() -> namedTarget.accepted().size() == 1);
        JsonNode lowerThird = HttpReplies.JSON.readTree(namedTarget.accepted().get(0).body());
        assertThat(lowerThird.path("type").asText()).isEqualTo("lower_third");
        assertThat(lowerThird.path("name").asText()).isEqualTo("Ada \"The Countess\" Lovelace");
        assertThat(lowerThird.path("meeting").asText()).isEqualTo("Keynote");
        assertThat(defaultTarget.requests()).isEmpty();
    }

    @Test
    void one_meetings_events_go_to_its_own_target() {
        start("one-meeting-to-its-own-target.camel.yaml", "keynote");
        accept("meeting.participant_joined", join("Ada", "85746065001", 4), "85746065001");
        accept("meeting.participant_joined", join("Grace", "99999999999", 5), "99999999999");
        await().atMost(WAIT).until(() -> namedTarget.accepted().size() == 1 && defaultTarget.accepted().size() == 1);
        assertThat(namedTarget.accepted().get(0).body()).contains("Ada");
        assertThat(defaultTarget.accepted().get(0).body()).contains("Grace");
    }

    private static String join(String name, String meetingId, long ts) {
        return "{\"event\":\"meeting.participant_joined\",\"event_ts\":" + ts + ",\"payload\":{\"object\":{\"id\":\""
                + meetingId + "\",\"topic\":\"Keynote\",\"participant\":{\"user_name\":\"" + name + "\"}}}}";
    }

    private void accept(String type, String body, String meetingId) {
        bridge.camel().createProducerTemplate().sendBodyAndHeaders("direct:zoom-accept", body,
                Map.of(EventHeaders.EVENT_TYPE, type, EventHeaders.MEETING_ID, meetingId));
    }
}
