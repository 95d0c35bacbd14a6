package com.zoomoverlay.bridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.support.BusyBridge;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real {@code /metrics} of a working bridge (logged in, connected, delivering, retrying, dead-lettering) passes
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
        // What registers the lazily created meters too (deliveries, retries, a dead letter, a duplicate, a refused
        // Zoom webhook, a dropped Zoom connection), BusyBridge: a meter that only appears
        // on a busy bridge must be lint-clean as well.
        String metrics = BusyBridge.metricsWhen(body -> body.contains("delivery_dead_lettered_total{"));
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
