package com.zoomoverlay.bridge.outputs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.zoomoverlay.bridge.delivery.targets.TargetDirectory;
import org.apache.camel.model.ModelLifecycleStrategy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Checks every route made from one of the bridge's sink Kamelets as Camel adds it (at start, and when a
 * YAML file is reloaded): its parameters against the Kamelet's schema, and that its {@code target} is a
 * configured target of the Kamelet's kind ({@code vmix-sink} needs a {@code vmix} target). A failure
 * refuses the calling route with one line, so nothing wrong reaches the first event on air.
 */
public final class KameletChecks implements ModelLifecycleStrategy {

    /** The bridge's Kamelets, each named {@code <kind>-sink}. */
    public static final java.util.List<String> KAMELETS =
            java.util.List.of("webhook-sink", "vmix-sink", "h2r-sink", "singular-sink", "casparcg-sink");

    private final Supplier<TargetDirectory> targets;
    private final Map<String, KameletSchema> schemas = new ConcurrentHashMap<>();

    public KameletChecks(Supplier<TargetDirectory> targets) {
        this.targets = targets;
    }

    @Override
    public void onAddRouteDefinition(RouteDefinition route) {
        Map<String, Object> parameters = route.getTemplateParameters();
        Object template = parameters == null ? null : parameters.get("templateId");
        if (template == null || !KAMELETS.contains(template.toString())) {
            return;
        }
        Object parent = parameters.get("parentRouteId");
        check(template.toString(), parameters, parent == null ? "a route" : "route " + parent);
    }

    /**
     * Checks one use of a Kamelet: {@code parameters} as given (defaults are filled in from its schema);
     * {@code usedBy} names the route, for the error line.
     */
    public void check(String kamelet, Map<String, Object> parameters, String usedBy) {
        KameletSchema schema = schemas.computeIfAbsent(kamelet, KameletSchema::load);
        Map<String, Object> all = schema.withDefaults(parameters);
        schema.check(all, usedBy);
        String kind = kamelet.substring(0, kamelet.length() - "-sink".length());
        targets.get().requireKind(String.valueOf(all.get("target")), kind, "kamelet:" + kamelet + " in " + usedBy);
    }

    @Override
    public void onRemoveRouteDefinition(RouteDefinition route) {
    }

    @Override
    public void onAddRouteTemplateDefinition(RouteTemplateDefinition template) {
    }

    @Override
    public void onRemoveRouteTemplateDefinition(RouteTemplateDefinition template) {
    }
}
