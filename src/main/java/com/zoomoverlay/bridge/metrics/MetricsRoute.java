package com.zoomoverlay.bridge.metrics;

import com.zoomoverlay.bridge.http.reply.HttpErrorsConfiguration;
import com.zoomoverlay.bridge.http.reply.HttpReplies;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.builder.RouteBuilder;

/** {@code GET /metrics}, the registry's scrape in Prometheus's text format. */
public final class MetricsRoute extends RouteBuilder {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry metrics;

    public MetricsRoute(PrometheusMeterRegistry metrics) {
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        from("platform-http:/metrics?httpMethodRestrict=GET,HEAD")
                .routeId("http-metrics")
                .routeConfigurationId(HttpErrorsConfiguration.ID)
                .process(exchange -> HttpReplies.reply(exchange, 200, PROMETHEUS_TEXT, metrics.scrape()));
    }
}
