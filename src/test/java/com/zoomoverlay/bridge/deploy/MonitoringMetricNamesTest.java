package com.zoomoverlay.bridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.zoomoverlay.bridge.support.BusyBridge;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the alert rules use only metric names the bridge exports: a simulating
 * bridge is put through what creates every lazily registered meter (deliveries, retries, a dead letter,
 * a duplicate, a refused Zoom webhook, a dropped Zoom connection), then each name in each PromQL
 * expression must be on its {@code /metrics}. A renamed meter fails here, not on an empty panel.
 */
class MonitoringMetricNamesTest {

    /** PromQL words that look like names: keywords and modifiers (functions are followed by "("). */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "or", "and", "unless", "offset", "bool", "inf", "nan");
    private static final Pattern NAME = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][\\w:]*+(?!\\s*\\()");

    @Test
    void every_metric_the_dashboard_and_the_alerts_use_is_on_a_working_bridges_metrics() throws Exception {
        Set<String> used = new TreeSet<>();
        for (JsonNode panel : JsonMapper.builder().build().readTree(Path.of("deploy", "grafana", "zoom-overlay-bridge.json").toFile())
                .path("panels")) {
            panel.path("targets").forEach(t -> used.addAll(metricNames(t.path("expr").asText())));
        }
        for (JsonNode group : new YAMLMapper().readTree(Path.of("deploy", "prometheus", "alerts.yaml").toFile()).path("groups")) {
            group.path("rules").forEach(r -> used.addAll(metricNames(r.path("expr").asText())));
        }
        assertThat(used).contains("bridge_cluster_leader", "delivery_latency_seconds_bucket", "zoom_ws_connection_state");

        String metrics = BusyBridge.metricsWhen(body -> exported(body).containsAll(used));
        assertThat(exported(metrics)).as("names on /metrics").containsAll(used);
    }

    @Test
    void names_are_read_from_promql_without_functions_labels_or_keywords() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (target, le) (rate(a_seconds_bucket{x=\"y\"}[5m])))"
                + " > 0.5 or absent(b_total) unless on(instance) c offset 15m"
                + " or label_replace(rate(d_total[5m]), \"outcome\", \"retried\", \"\", \"\")"))
                .containsExactly("a_seconds_bucket", "b_total", "c", "d_total");
    }

    /** Metric names in a PromQL expression: label matchers, strings, ranges and grouping lists removed. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", " ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    private static Set<String> exported(String metrics) {
        Set<String> names = new TreeSet<>();
        for (String line : metrics.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}
