package com.zoomoverlay.bridge.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.events.EventHeaders;
import com.zoomoverlay.bridge.events.EventKeys;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.simulator.graphics.FakeVmix;
import com.zoomoverlay.bridge.support.MutableClock;
import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vMix machine that reboots during the show: while it is down the joins wait in the outbox; when it is
 * back it gets every one still within the target's max-age, in order, and the stale ones are dead-lettered
 * with reason {@code expired} instead of flashing an old name on air.
 */
class GraphicsOutageTest {

    private static final String ADMIN = "admin-token-0123456789";

    @TempDir
    Path routes;

    private final FakeHost host = new FakeHost();
    private final FakeVmix vmix = new FakeVmix(Map.of("LowerThird.gtzip", List.of("Name.Text", "Title.Text")));
    private final MutableClock clock = MutableClock.atNow();
    private TestBridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        host.close();
    }

    @Test
    void a_graphics_target_that_was_down_gets_what_is_still_fresh_in_order() throws Exception {
        vmix.addRoutes(host.router(), "");
        Files.writeString(routes.resolve("zoom-events.camel.yaml"), """
                - route:
                    id: zoom-events-route
                    from:
                      uri: direct:zoom-events
                      steps:
                        - to: "kamelet:vmix-sink?target=studio&input=LowerThird.gtzip&overlay=0"
                """);
        bridge = TestBridge.start(Map.of("SIMULATE", "true", "ADMIN_TOKEN", ADMIN,
                "ROUTES_DIR", routes.toString(), "camel.main.routes-reload-enabled", "false",
                "bridge.targets.studio.kind", "vmix", "bridge.targets.studio.url", host.url(),
                "bridge.targets.studio.max-age", "2m"), clock);

        vmix.faults().down(true);
        accept("Stale Guest", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> vmix.functions().isEmpty() && retrying() > 0);
        clock.advance(Duration.ofSeconds(90));
        accept("Grace Hopper", 2);
        accept("Alan Turing", 3);
        clock.advance(Duration.ofSeconds(60)); // the first join is now 150 s old: past the 2 minutes
        // still down: the stale join expires at the lane's next look (an attempt already in flight when the
        // clock jumped could still land, which is fine: it was fresh when it was sent)
        await().atMost(Duration.ofSeconds(60)).until(() -> Json.MAPPER.readTree(admin("/admin/dead-letters").body())
                .path("deadLetters").size() == 1);
        vmix.faults().down(false);
        clock.advance(Duration.ofSeconds(5)); // the lane's retries come due by the bridge clock

        // each join is two calls (name, then title): wait for the last one, not for the last name only
        await().atMost(Duration.ofSeconds(60)).until(() -> vmix.functions().size() >= 4
                && "Alan Turing".equals(vmix.text("LowerThird.gtzip", "Name.Text")));
        assertThat(vmix.functions()).containsExactly("SetText", "SetText", "SetText", "SetText");
        JsonNode dead = Json.MAPPER.readTree(admin("/admin/dead-letters").body()).path("deadLetters");
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).path("target").asText()).isEqualTo("studio");
        assertThat(dead.get(0).path("reason").asText()).isEqualTo("expired");
    }

    private int retrying() throws Exception {
        JsonNode targets = Json.MAPPER.readTree(admin("/admin/delivery/status").body()).path("targets");
        for (JsonNode t : targets) {
            if ("studio".equals(t.path("name").asText())) {
                return t.path("retrying").asInt() + (int) t.path("outboxDepth").asLong();
            }
        }
        return 0;
    }

    private java.net.http.HttpResponse<String> admin(String path) {
        return bridge.send(HttpRequest.newBuilder(URI.create("http://localhost:" + bridge.port() + path))
                .header("Authorization", "Bearer " + ADMIN).GET().build());
    }

    private void accept(String name, long ts) {
        String event = "{\"event\":\"meeting.participant_joined\",\"event_ts\":" + ts + ",\"payload\":{\"object\":{\"id\":\"42\","
                + "\"topic\":\"Outage show\",\"participant\":{\"user_name\":\"" + name + "\"}}}}";
        bridge.camel().createProducerTemplate().sendBodyAndHeaders("direct:zoom-accept", event, Map.of(
                EventHeaders.EVENT_TYPE, "meeting.participant_joined", EventHeaders.MEETING_ID, "42",
                EventHeaders.EVENT_TS, ts, EventHeaders.EVENT_ID, EventKeys.eventId(event), EventHeaders.TRANSPORT, "websocket"));
    }
}
