package com.zoomoverlay.bridge.health;

import com.zoomoverlay.bridge.http.reply.HttpErrorsConfiguration;
import com.zoomoverlay.bridge.http.reply.HttpReplies;
import org.apache.camel.builder.RouteBuilder;

/** {@code GET /health}, what the on-call person and the orchestrator's probes poll: 503 only when DOWN. */
public final class HealthRoute extends RouteBuilder {

    private final HealthChecks health;

    public HealthRoute(HealthChecks health) {
        this.health = health;
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
    }
}
