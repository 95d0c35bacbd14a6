package com.zoomoverlay.bridge.zoomhook;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zoomoverlay.bridge.simulator.SimulatedEventSocket;
import com.zoomoverlay.bridge.simulator.SimulatedWebhooks;
import com.zoomoverlay.bridge.simulator.SimulatorModule;
import com.zoomoverlay.bridge.simulator.ZoomSimulator;
import com.zoomoverlay.bridge.support.MutableClock;
import com.zoomoverlay.bridge.support.SimulatedLogin;
import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.zoom.ZoomWsStatus;

/**
 * A simulating bridge with Zoom webhooks on under a known Secret Token, the story off (tests send what
 * they need), the simulator's webhook sender pointed at the bridge, and {@code direct:zoom-events} recorded.
 */
final class WebhookHarness implements AutoCloseable {

    static final String SECRET = "zoom-secret-token-for-tests";
    static final String ADMIN = "admin-token-for-webhook-tests";
    static final Duration WAIT = Duration.ofSeconds(20);

    final MutableClock clock = MutableClock.atNow();
    final Downstream downstream = new Downstream();
    final ZoomSignature signature = new ZoomSignature(SECRET);
    final TestBridge bridge;

    private WebhookHarness(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(Map.of(
                "SIMULATE", "true",
                "ADMIN_TOKEN", ADMIN,
                "ZOOM_WEBHOOK_SECRET_TOKEN", SECRET,
                "camel.main.routes-include-pattern", "classpath:zoom/recording-events.camel.yaml",
                "bridge.simulator.scripted-story", "false",
                "bridge.simulator.webhooks", "false",
                "bridge.zoom.ws.backoff-initial-ms", "20",
                "bridge.zoom.ws.backoff-max-ms", "200"));
        env.putAll(overrides);
        bridge = TestBridge.start(env, clock, camel -> camel.getRegistry().bind(Downstream.BEAN_NAME, downstream));
    }

    static WebhookHarness start() {
        return new WebhookHarness(Map.of());
    }

    static WebhookHarness start(Map<String, String> overrides) {
        return new WebhookHarness(overrides);
    }

    /** Logs in through the simulator and waits for the bridge's one Event WebSocket. */
    WebhookHarness connected() throws Exception {
        SimulatedLogin.login(bridge.uri(""), ADMIN);
        awaitConnected();
        return this;
    }

    void awaitConnected() {
        await().atMost(WAIT).until(() -> ZoomWsStatus.of(bridge.camel()).connected() && ws().connectionCount() == 1);
    }

    ZoomSimulator simulator() {
        return SimulatorModule.of(bridge.camel());
    }

    SimulatedEventSocket ws() {
        return simulator().events();
    }

    SimulatedWebhooks webhooks() {
        return simulator().webhooks();
    }

    /** {@code body} as Zoom would post it now: signed with the secret and the clock's unix seconds. */
    HttpResponse<String> signed(String body) {
        String ts = String.valueOf(clock.instant().getEpochSecond());
        return post(body, ts, signature.sign(ts, body.getBytes(StandardCharsets.UTF_8)));
    }

    CompletableFuture<HttpResponse<String>> signedAsync(String body) {
        String ts = String.valueOf(clock.instant().getEpochSecond());
        return bridge.http().sendAsync(request(body, ts, signature.sign(ts, body.getBytes(StandardCharsets.UTF_8))),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String body, String timestamp, String signatureHeader) {
        return bridge.send(request(body, timestamp, signatureHeader));
    }

    private HttpRequest request(String body, String timestamp, String signatureHeader) {
        HttpRequest.Builder b = HttpRequest.newBuilder(bridge.uri(ZoomWebhookRoutes.PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            b.header("x-zm-request-timestamp", timestamp);
        }
        if (signatureHeader != null) {
            b.header("x-zm-signature", signatureHeader);
        }
        return b.build();
    }

    String metrics() {
        return bridge.get("/metrics").body();
    }

    /** The value of one Prometheus sample line ({@code name{labels}}), 0 when absent. */
    double metric(String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static String event(String type, long ts, String detail) {
        return "{\"event\":\"" + type + "\",\"event_ts\":" + ts + ",\"payload\":{\"account_id\":\"acc\","
                + "\"object\":{\"id\":\"85746065001\",\"uuid\":\"u==\",\"topic\":\"" + detail + "\"}}}";
    }

    @Override
    public void close() {
        bridge.close();
    }
}
