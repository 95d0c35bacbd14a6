package com.zoomoverlay.bridge.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * CPU time used by this JVM as {@code process_cpu_seconds_total}: Micrometer's {@code process.cpu.time}
 * counts nanoseconds and is exported as {@code process_cpu_time_ns_total}, which promtool flags (no base
 * unit); {@link PrometheusNaming} drops that one. Not registered where the JVM does not tell (no
 * {@code com.sun.management} bean), rather than exporting a constant 0.
 */
final class ProcessCpuSeconds implements MeterBinder {

    private static final double NANOS_PER_SECOND = 1e9;

    @Override
    public void bindTo(MeterRegistry registry) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            FunctionCounter.builder("process.cpu", sun, bean -> bean.getProcessCpuTime() / NANOS_PER_SECOND)
                    .baseUnit("seconds")
                    .description("CPU time used by the Java virtual machine process")
                    .register(registry);
        }
    }
}
