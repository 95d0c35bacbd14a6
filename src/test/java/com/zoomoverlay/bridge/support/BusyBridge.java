package com.zoomoverlay.bridge.support;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import com.zoomoverlay.bridge.simulator.SimulatedEventSocket;
import com.zoomoverlay.bridge.simulator.SimulatorModule;
import com.zoomoverlay.bridge.zoom.ZoomWsStatus;

/**
 * A bridge that has done a bit of everything, for tests about {@code /metrics}: logged in and connected,
 * deliveries with retries and a dead letter, a duplicate, a refused Zoom webhook and a dropped Zoom
 * connection. Many meters only appear once their event happened; a test of the scrape needs them all.
 */
public final class BusyBridge {

    private static final String ADMIN = "admin-token-0123456789";

    private BusyBridge() {
    }

    /** The {@code /metrics} body once {@code ready} holds for it (and Zoom is connected again). */
    public static String metricsWhen(Predicate<String> ready) throws Exception {
        try (TestReceiver receiver = new TestReceiver().answerNext(3, 503).answerNext(1, 400);
             TestBridge bridge = TestBridge.start(Map.of(
                     "SIMULATE", "true",
                     "ADMIN_TOKEN", ADMIN,
                     "OVERLAY_WEBHOOK_URL", receiver.url(),
                     "OVERLAY_WEBHOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                     "ZOOM_WEBHOOK_SECRET_TOKEN", "zoom-secret-token-for-tests",
                     "bridge.delivery.retry-check-ms", "20",
                     "bridge.delivery.retry-initial-ms", "20",
                     "bridge.delivery.retry-max-ms", "100",
                     "bridge.zoom.ws.backoff-initial-ms", "20",
                     "bridge.zoom.ws.backoff-max-ms", "200"))) {
            SimulatedLogin.login(bridge.uri("/"), ADMIN);
            await().atMost(Duration.ofSeconds(20)).until(() -> ZoomWsStatus.of(bridge.camel()).connected());
            SimulatedEventSocket zoom = SimulatorModule.of(bridge.camel()).events();
            zoom.burst(5);
            zoom.sendDuplicate(); // dropped by the WebSocket consumer: zoom_ws_duplicates_total
            bridge.send(HttpRequest.newBuilder(bridge.uri("/zoom/webhook")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"meeting.started\"}")).build());
            zoom.dropAll();
            bridge.get("/health");
            String[] body = new String[1];
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                body[0] = bridge.get("/metrics").body();
                return ready.test(body[0]) && ZoomWsStatus.of(bridge.camel()).connected();
            });
            return body[0];
        }
    }
}
