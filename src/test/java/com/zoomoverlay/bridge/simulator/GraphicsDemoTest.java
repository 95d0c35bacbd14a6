package com.zoomoverlay.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.simulator.graphics.GraphicsDemo;
import com.zoomoverlay.bridge.support.SimulatedLogin;
import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --simulate} with nothing configured shows the whole pipeline: the scripted meeting flows through
 * the worked examples to the demo's signed-webhook receiver and graphics fakes, with deliveries, retries
 * and dead letters in the delivery status the console shows.
 */
class GraphicsDemoTest {

    private static final String ADMIN = "admin-token-0123456789";
    private TestBridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void simulate_delivers_to_the_demo_fakes_with_retries_and_dead_letters() throws Exception {
        bridge = TestBridge.start(Map.of("SIMULATE", "true", "ADMIN_TOKEN", ADMIN, "bridge.simulator.demo", "true",
                "bridge.simulator.event-interval-ms", "100"));
        SimulatedLogin.login(bridge.uri("/"), ADMIN);

        await().atMost(Duration.ofSeconds(90)).until(() -> {
            JsonNode state = Json.MAPPER.readTree(bridge.get(GraphicsDemo.PATH + "/state").body());
            return state.path("vmix").path("functionsRun").asInt() > 0
                    && state.path("singular").path("updates").asInt() > 0
                    && state.path("h2r").path("updates").asInt() > 0
                    && state.path("webhooks").path("chat").path("verified").asInt() > 0;
        });
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            JsonNode targets = status();
            return count(targets, "delivered") >= 4 && count(targets, "deadLetters") > 0;
        });
        JsonNode targets = status();
        assertThat(targets.findValuesAsText("name")).contains("chat", "graphics", "studio-vmix", "chat-wall", "graphics-h2r");
        assertThat(targets.findValuesAsText("kind")).contains("webhook", "vmix", "singular", "h2r");
    }

    private JsonNode status() throws Exception {
        return Json.MAPPER.readTree(bridge.send(HttpRequest.newBuilder(bridge.uri("/admin/delivery/status"))
                .header("Authorization", "Bearer " + ADMIN).GET().build()).body()).path("targets");
    }

    private static int count(JsonNode targets, String field) {
        int targetsWith = 0;
        for (JsonNode t : targets) {
            if (t.path(field).asLong() > 0) {
                targetsWith++;
            }
        }
        return targetsWith;
    }
}
