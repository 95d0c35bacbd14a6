package com.zoomoverlay.bridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.simulator.SimulatedEventSocket;
import com.zoomoverlay.bridge.simulator.SimulatorModule;
import com.zoomoverlay.bridge.support.SimulatedLogin;
import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TestReceiver;
import com.zoomoverlay.bridge.zoom.ZoomWsStatus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real {@code /metrics} of a working bridge (logged in, connected, delivering, retrying, dead-lettering) passes
 * {@code promtool check metrics} with no finding at all (label names, unit suffixes, HELP text: see
 * {@link PrometheusNaming}). Skipped with a message where promtool is missing, except under CI (env {@code CI}
 * set), where a missing promtool fails: {@code .ci/run} installs Debian's {@code prometheus} package, which has it.
 */
class MetricsLintTest {

    private static final String ADMIN = "admin-token-0123456789";

    @Test
    void metrics_pass_promtool_check_metrics() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        if (System.getenv("CI") != null) {
            assertThat(Files.isExecutable(promtool)).as("CI is set but %s is missing: apt-get install prometheus", promtool).isTrue();
        }
        Assumptions.assumeTrue(Files.isExecutable(promtool), "promtool not installed: apt-get install prometheus");
        // What registers the lazily created meters too (deliveries, retries, a dead letter, a duplicate, a refused
        // Zoom webhook, a dropped Zoom connection), as MonitoringMetricNamesTest does: a meter that only appears
        // on a busy bridge must be lint-clean as well.
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
            zoom.sendDuplicate();
            bridge.send(HttpRequest.newBuilder(bridge.uri("/zoom/webhook")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"meeting.started\"}")).build());
            zoom.dropAll();
            await().atMost(Duration.ofSeconds(30)).until(() -> bridge.get("/metrics").body().contains("delivery_dead_lettered_total{")
                    && ZoomWsStatus.of(bridge.camel()).connected());
            bridge.get("/health");
            String metrics = bridge.get("/metrics").body();
            assertThat(metrics).contains("bridge_cluster_leader", "zoom_webhook_rejected_total{", "zoom_ws_duplicates_total");
            Path file = Path.of("target", "metrics-lint.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, metrics, StandardCharsets.UTF_8);

            Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                    .redirectInput(file.toFile()).redirectErrorStream(true).start();
            String findings = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(findings).as("promtool check metrics on %s found", file).isEmpty();
            assertThat(check.exitValue()).as("promtool exit code").isZero();
        }
    }
}
