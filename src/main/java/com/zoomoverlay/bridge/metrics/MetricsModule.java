package com.zoomoverlay.bridge.metrics;

import com.zoomoverlay.bridge.BridgeModule;
import com.zoomoverlay.bridge.config.BridgeSettings;
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

    @Override
    public void install(CamelContext camel, BridgeSettings settings) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        camel.getRegistry().bind(BEAN_NAME, registry);
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
