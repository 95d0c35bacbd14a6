package com.zoomoverlay.bridge.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Makes every meter, ours or a library's, lint-clean for Prometheus ({@code promtool check metrics}
 * answers nothing on {@code /metrics}), without touching a name the contract, the alerts or the
 * dashboard use:
 * <ul>
 *   <li>tag keys to snake_case (Camel tags {@code routeId}, {@code camelContext}, {@code eventType}...);</li>
 *   <li>{@code system.cpu.count} (a gauge whose name ends in {@code _count}, which Prometheus reserves for
 *       histograms and summaries) is exported as {@code system_cpu_processors};</li>
 *   <li>{@code process.cpu.time} in {@code ns} (Prometheus wants base units) is dropped; {@link ProcessCpuSeconds}
 *       exports the same figure as {@code process_cpu_seconds_total}, the name Prometheus' own clients use;</li>
 *   <li>a meter registered without a description (Camel's {@code app.info} and {@code camel.routes.*} come
 *       with an empty one) gets one, so every name has HELP text.</li>
 * </ul>
 * Must be configured before the first meter is registered: a filter does not reach meters already there.
 */
final class PrometheusNaming implements MeterFilter {

    static final String SYSTEM_CPU_COUNT = "system.cpu.count";
    static final String SYSTEM_CPU_PROCESSORS = "system.cpu.processors";
    static final String PROCESS_CPU_TIME = "process.cpu.time";

    /** HELP text for the meters that are known to come without one. */
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "app.info", "Camel application: context name, Camel and runtime version as labels (always 1)",
            "camel.routes.added", "Routes added to the Camel context since start",
            "camel.routes.running", "Routes running in the Camel context",
            "camel.routes.reloaded", "Routes reloaded since start (YAML route hot reload)");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return PROCESS_CPU_TIME.equals(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        Meter.Id mapped = snakeCaseTags(id);
        if (SYSTEM_CPU_COUNT.equals(mapped.getName())) {
            mapped = mapped.withName(SYSTEM_CPU_PROCESSORS);
        }
        String description = mapped.getDescription();
        if (description == null || description.isBlank()) {
            String help = DESCRIPTIONS.getOrDefault(id.getName(), id.getName() + " (registered without a description)");
            mapped = new Meter.Id(mapped.getName(), Tags.of(mapped.getTagsAsIterable()), mapped.getBaseUnit(), help,
                    mapped.getType());
        }
        return mapped;
    }

    private static Meter.Id snakeCaseTags(Meter.Id id) {
        List<Tag> tags = new ArrayList<>();
        boolean changed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            String key = snakeCase(tag.getKey());
            changed |= !key.equals(tag.getKey());
            tags.add(Tag.of(key, tag.getValue()));
        }
        return changed ? id.replaceTags(tags) : id;
    }

    static String snakeCase(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
