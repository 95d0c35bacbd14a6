package com.zoomoverlay.bridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class RouteMetersTest {

    /** Two succeed, one fails, one fails and is handled; "skipped" runs once. */
    private static Map<String, Double> run(Consumer<CamelContext> install, MeterRegistry registry) throws Exception {
        Map<String, Double> seen = new TreeMap<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getCamelContextExtension().setName("bridge");
            install.accept(camel);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(IllegalStateException.class).handled(true);
                    from("direct:in").routeId("engineers-route")
                            .choice()
                                .when(body().isEqualTo("bad")).throwException(new IllegalArgumentException("bad event"))
                                .when(body().isEqualTo("handled")).throwException(new IllegalStateException("handled"))
                            .end();
                    from("direct:skipped").routeId("skipped").log("not measured");
                }
            });
            camel.start();
            var template = camel.createProducerTemplate();
            template.sendBody("direct:in", "ok");
            template.sendBody("direct:in", "ok");
            template.send("direct:in", e -> e.getMessage().setBody("bad"));
            template.sendBody("direct:in", "handled");
            template.sendBody("direct:skipped", "ok");
            for (Meter meter : registry.getMeters()) {
                double value = meter instanceof Counter c ? c.count() : meter instanceof Timer t ? t.count() : -1;
                seen.put(meter.getId().getName() + meter.getId().getTags() + " " + meter.getId().getDescription(), value);
            }
        }
        return seen;
    }

    @Test
    void the_same_meters_names_tags_help_and_counts_as_camels_route_policy() throws Exception {
        SimpleMeterRegistry camels = new SimpleMeterRegistry();
        MicrometerRoutePolicyFactory camelFactory = new MicrometerRoutePolicyFactory();
        camelFactory.setMeterRegistry(camels);
        camelFactory.getPolicyConfiguration().setContextEnabled(false);
        camelFactory.getPolicyConfiguration().setExcludePattern("skipped");
        SimpleMeterRegistry ours = new SimpleMeterRegistry();

        Map<String, Double> expected = run(camel -> camel.addRoutePolicyFactory(camelFactory), camels);
        Map<String, Double> actual = run(camel -> RouteMeters.install(camel, ours, "skipped"), ours);

        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).containsEntry(
                "camel.exchanges.total[tag(camelContext=bridge), tag(eventType=route), tag(kind=CamelRoute), "
                        + "tag(routeId=engineers-route)] Total number of processed exchanges", 4.0);
        assertThat(actual).containsEntry(
                "camel.exchanges.failed[tag(camelContext=bridge), tag(eventType=route), tag(kind=CamelRoute), "
                        + "tag(routeId=engineers-route)] Number of failed exchanges", 1.0);
        assertThat(actual).containsEntry(
                "camel.exchanges.failures.handled[tag(camelContext=bridge), tag(eventType=route), tag(kind=CamelRoute), "
                        + "tag(routeId=engineers-route)] Number of failures handled", 1.0);
        assertThat(actual).containsEntry(
                "camel.route.policy[tag(camelContext=bridge), tag(eventType=route), tag(kind=CamelRoute), "
                        + "tag(routeId=engineers-route)] Route performance metrics", 4.0);
        assertThat(actual.keySet()).noneMatch(id -> id.contains("routeId=skipped"));
        assertThat(actual.keySet()).anyMatch(id -> id.startsWith("app.info["));
    }

    @Test
    void a_removed_route_takes_its_meters_with_it() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CamelContext camel = new DefaultCamelContext()) {
            RouteMeters.install(camel, registry, "none");
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:reloaded").routeId("reloaded").log("once");
                }
            });
            camel.start();
            camel.createProducerTemplate().sendBody("direct:reloaded", "x");
            assertThat(registry.getMeters()).anyMatch(m -> "reloaded".equals(m.getId().getTag("routeId")));

            camel.getRouteController().stopRoute("reloaded");
            camel.removeRoute("reloaded");

            assertThat(registry.getMeters()).noneMatch(m -> "reloaded".equals(m.getId().getTag("routeId")));
        }
    }
}
