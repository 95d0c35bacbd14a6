package com.zoomoverlay.bridge.metrics;

import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;

/**
 * Binds the one Prometheus registry under the name camel-micrometer looks for, so Camel's route
 * metrics, the JVM's and the bridge's own all land in the same {@code /metrics} scrape.
 */
public final class MetricsModule implements BridgeModule {

    /** The name camel-micrometer ({@code camel.metrics.*}) looks up before creating its own registry. */
    public static final String BEAN_NAME = "metricsRegistry";

    /**
     * Routes that run once per accepted event and have the bridge's own meters (intake, delivery,
     * overlay): even {@link RouteMeters}' few steps per exchange and route would only repeat those, so they
     * go without route meters.
     */
    static final String ROUTE_POLICY_EXCLUDED = "zoom-events-accept,deliver-webhook,overlay-broadcast";

    @Override
    public void install(CamelContext camel, BridgeSettings settings) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Before any binder: the filter only reaches meters registered after it (tags to snake_case,
        // lint-clean names, HELP text for every meter).
        registry.config().meterFilter(new PrometheusNaming());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new ProcessCpuSeconds().bindTo(registry);
        camel.getRegistry().bind(BEAN_NAME, registry);
        // Camel's route metrics (camel_exchanges_*, camel_route_policy_seconds) per route, as camel-main would
        // install them with camel.metrics.enable-route-policy (off in application.properties), but without
        // the context-wide figure (their sum), not on the per-event building blocks, and cheaper per exchange.
        RouteMeters.install(camel, registry, ROUTE_POLICY_EXCLUDED);
    }

    public static PrometheusMeterRegistry prometheus(CamelContext camel) {
        PrometheusMeterRegistry registry = camel.getRegistry().lookupByNameAndType(BEAN_NAME, PrometheusMeterRegistry.class);
        if (registry == null) {
            throw new IllegalStateException("MetricsModule must be installed first");
        }
        return registry;
    }

    public static MeterRegistry registry(CamelContext camel) {
        return prometheus(camel);
    }
}
