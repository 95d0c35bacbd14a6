package com.zoomoverlay.bridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** What {@link PrometheusNaming} does to a scrape, without promtool (MetricsLintTest runs promtool on a real bridge). */
class PrometheusNamingTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    PrometheusNamingTest() {
        registry.config().meterFilter(new PrometheusNaming());
    }

    @Test
    void camel_case_tags_become_snake_case() {
        Gauge.builder("camel.routes.running", () -> 3).tag("camelContext", "bridge").tag("eventType", "RouteEvent")
                .baseUnit("routes").register(registry);

        assertThat(registry.scrape())
                .contains("camel_routes_running_routes{camel_context=\"bridge\",event_type=\"RouteEvent\"} 3.0")
                .doesNotContain("camelContext");
    }

    @Test
    void meters_without_or_with_a_blank_description_get_help_text() {
        Gauge.builder("app.info", () -> 1).tag("camelVersion", "4.17.0").register(registry);
        Gauge.builder("camel.routes.added", () -> 28).description(" ").baseUnit("routes").register(registry);
        Gauge.builder("some.library.gauge", () -> 1).description("").register(registry);

        assertThat(registry.scrape())
                .contains("# HELP app_info Camel application: ")
                .contains("# HELP camel_routes_added_routes Routes added to the Camel context since start")
                .contains("# HELP some_library_gauge some.library.gauge (registered without a description)");
    }

    @Test
    void cpu_meters_have_lint_clean_names() {
        new ProcessorMetrics().bindTo(registry);
        new ProcessCpuSeconds().bindTo(registry);

        String scrape = registry.scrape();
        assertThat(scrape).contains("system_cpu_processors " + (double) Runtime.getRuntime().availableProcessors())
                .contains("# TYPE process_cpu_seconds_total counter")
                .doesNotContain("system_cpu_count")
                .doesNotContain("process_cpu_time");
    }
}
