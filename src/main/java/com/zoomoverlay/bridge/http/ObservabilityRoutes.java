package com.zoomoverlay.bridge.http;

import com.zoomoverlay.bridge.health.HealthChecks;
import com.zoomoverlay.bridge.health.HealthStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.builder.RouteBuilder;

/** {@code GET /health} and {@code GET /metrics}, the endpoints Prometheus and the on-call person poll. */
public final class ObservabilityRoutes extends RouteBuilder {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HealthChecks health;
    private final PrometheusMeterRegistry metrics;

    public ObservabilityRoutes(HealthChecks health, PrometheusMeterRegistry metrics) {
        this.health = health;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        from("platform-http:/health?httpMethodRestrict=GET,HEAD")
                .routeId("http-health")
                .routeConfigurationId(HttpErrorsConfiguration.ID)
                .process(exchange -> {
                    HealthChecks.Report report = health.run();
                    HttpReplies.json(exchange, report.status() == HealthStatus.DOWN ? 503 : 200, report);
                });

        from("platform-http:/metrics?httpMethodRestrict=GET,HEAD")
                .routeId("http-metrics")
                .routeConfigurationId(HttpErrorsConfiguration.ID)
                .process(exchange -> HttpReplies.reply(exchange, 200, PROMETHEUS_TEXT, metrics.scrape()));
    }
}
