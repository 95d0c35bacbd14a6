package com.zoomoverlay.bridge.routes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.zoomoverlay.bridge.config.InvalidSettingException;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteBuilderLifecycleStrategy;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses an engineer's YAML route that sends to a {@code direct:} endpoint no route consumes (a typo
 * such as {@code direct:deliver-webhok}), before it replaces anything: at start the bridge does not
 * start, with one line naming the file and the endpoint; on a hot reload the edit is refused and the
 * previous route keeps running. Without this, every event would wait on the missing consumer for the
 * direct component's 30 s timeout, holding up the whole stream.
 */
public final class RouteEndpointCheck implements RouteBuilderLifecycleStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(RouteEndpointCheck.class);

    private final CamelContext camel;
    private final List<RouteBuilder> loadedAtStart = new ArrayList<>();

    public RouteEndpointCheck(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public void afterConfigure(RouteBuilder builder) {
        if (!isEngineersRoute(builder)) {
            return;
        }
        if (camel.isStarted()) {
            check(List.of(builder), "the previous version keeps running");
        } else {
            // other files may define the consumer: check once everything is loaded
            loadedAtStart.add(builder);
        }
    }

    /** After every route is loaded at start; throws (start-up stops) when a route would send nowhere. */
    public void checkLoadedAtStart() {
        List<RouteBuilder> builders = new ArrayList<>(loadedAtStart);
        loadedAtStart.clear();
        check(builders, "fix it and start again");
    }

    private void check(List<RouteBuilder> builders, String consequence) {
        Set<String> replaced = new HashSet<>();
        Set<String> consumed = new HashSet<>();
        for (RouteBuilder b : builders) {
            for (RouteDefinition route : b.getRouteCollection().getRoutes()) {
                replaced.add(route.getRouteId());
                directName(route.getInput().getEndpointUri()).ifPresent(consumed::add);
            }
        }
        for (RouteDefinition route : camel.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions()) {
            if (!replaced.contains(route.getRouteId())) {
                directName(route.getInput().getEndpointUri()).ifPresent(consumed::add);
            }
        }
        for (RouteBuilder b : builders) {
            String file = b.getResource().getLocation();
            for (RouteDefinition route : b.getRouteCollection().getRoutes()) {
                for (String uri : staticSends(route.getOutputs())) {
                    var name = directName(uri);
                    if (name.isPresent() && !consumed.contains(name.get())) {
                        String hint = DidYouMean.closest(name.get(), consumed).map(c -> " (did you mean direct:" + c + "?)").orElse("");
                        LOG.warn("route refused file={} route={} endpoint=direct:{} reason=\"no route consumes it\"{}", file,
                                route.getRouteId(), name.get(), hint);
                        throw new InvalidSettingException(file, "sends to direct:" + name.get()
                                + ", which no route consumes" + hint + "; " + consequence);
                    }
                }
            }
        }
    }

    private static boolean isEngineersRoute(RouteBuilder builder) {
        return builder.getResource() != null && builder.getResource().getLocation() != null
                && builder.getResource().getLocation().endsWith(".yaml");
    }

    /** Every static endpoint the route sends to, however deeply nested (choice, filter, split, ...). */
    private static List<String> staticSends(List<ProcessorDefinition<?>> outputs) {
        List<String> uris = new ArrayList<>();
        for (ProcessorDefinition<?> step : outputs) {
            if (step instanceof SendDefinition<?> send && send.getEndpointUri() != null) {
                uris.add(send.getEndpointUri());
            } else if (step instanceof ToDynamicDefinition dynamic && dynamic.getUri() != null
                    && !dynamic.getUri().contains("${")) {
                uris.add(dynamic.getUri());
            }
            uris.addAll(staticSends(step.getOutputs()));
        }
        return uris;
    }

    static java.util.Optional<String> directName(String uri) {
        if (uri == null || !uri.startsWith("direct:")) {
            return java.util.Optional.empty();
        }
        String rest = uri.substring("direct:".length());
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        int query = rest.indexOf('?');
        return java.util.Optional.of(query >= 0 ? rest.substring(0, query) : rest);
    }
}
