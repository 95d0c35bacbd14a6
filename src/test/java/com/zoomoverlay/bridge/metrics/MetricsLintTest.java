package com.zoomoverlay.bridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.support.SimulatedLogin;
import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real {@code /metrics} of a working bridge (logged in, connected, delivering) passes
 * {@code promtool check metrics} with no finding at all (label names, unit suffixes, HELP text: see
 * {@link PrometheusNaming}). Skipped with a message where promtool is missing, except under CI (env {@code CI}
 * set), where a missing promtool fails: {@code .ci/run} installs Debian's {@code prometheus} package, which has it.
 */
class MetricsLintTest {

    @Test
    void metrics_pass_promtool_check_metrics() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        if (System.getenv("CI") != null) {
            assertThat(Files.isExecutable(promtool)).as("CI is set but %s is missing: apt-get install prometheus", promtool).isTrue();
        }
        Assumptions.assumeTrue(Files.isExecutable(promtool), "promtool not installed: apt-get install prometheus");
        try (TestBridge bridge = TestBridge.start(java.util.Map.of("SIMULATE", "true", "ADMIN_TOKEN", "admin-token-0123456789"))) {
            SimulatedLogin.login(bridge.uri("/"), "admin-token-0123456789");
            await().atMost(Duration.ofSeconds(20)).until(() -> bridge.get("/ws/status").body().contains("\"connected\":true"));
            bridge.get("/health");
            String metrics = bridge.get("/metrics").body();
            assertThat(metrics).contains("bridge_cluster_leader");
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
