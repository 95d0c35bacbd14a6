package com.zoomoverlay.bridge.bench;

import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.metrics.RouteMeters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the route meters cost per event: the shape of the default route (the engineers' route handing the event
 * to two building blocks that go without meters), run with no route meters, with camel-micrometer's
 * {@code MicrometerRoutePolicy}, and with the bridge's {@link RouteMeters} (same meters).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RoutePolicyBench {

    private static final String EXCLUDED = "deliver-webhook,overlay-broadcast";

    @Param({"none", "camel", "bridge"})
    public String meters;

    private CamelContext camel;
    private ProducerTemplate template;
    private final String body = RealisticFrames.messageFrames(1)[0];

    @Setup
    public void setUp() throws Exception {
        camel = new DefaultCamelContext();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        switch (meters) {
            case "camel" -> {
                MicrometerRoutePolicyFactory factory = new MicrometerRoutePolicyFactory();
                factory.setMeterRegistry(registry);
                factory.getPolicyConfiguration().setContextEnabled(false);
                factory.getPolicyConfiguration().setExcludePattern(EXCLUDED);
                camel.addRoutePolicyFactory(factory);
            }
            case "bridge" -> RouteMeters.install(camel, registry, EXCLUDED);
            default -> { }
        }
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:zoom-events").routeId("zoom-events-route").to("direct:deliver-webhook").to("direct:overlay-broadcast");
                from("direct:deliver-webhook").routeId("deliver-webhook").setHeader("target", constant("default"));
                from("direct:overlay-broadcast").routeId("overlay-broadcast").setHeader("overlay", constant(true));
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @TearDown
    public void tearDown() throws Exception {
        camel.close();
    }

    @Benchmark
    public Object routeOneEvent() {
        return template.requestBody("direct:zoom-events", body);
    }
}
