package com.zoomoverlay.bridge.outputs;

import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.zoomoverlay.bridge.config.InvalidSettingException;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteBuilderLifecycleStrategy;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the bridge's Kamelets in an engineer's YAML file as soon as it is parsed, before it replaces
 * anything: on a hot reload a wrong parameter or target refuses the edit and the previous route keeps
 * running (checked only when Camel creates the Kamelet's route, the old route would already be gone);
 * at start the bridge does not start. The checks are {@link KameletChecks}'.
 */
public final class KameletRouteCheck implements RouteBuilderLifecycleStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(KameletRouteCheck.class);

    private final CamelContext camel;
    private final KameletChecks checks;

    public KameletRouteCheck(CamelContext camel, KameletChecks checks) {
        this.camel = camel;
        this.checks = checks;
    }

    @Override
    public void afterConfigure(RouteBuilder builder) {
        if (builder.getResource() == null || builder.getResource().getLocation() == null
                || !builder.getResource().getLocation().endsWith(".yaml")) {
            return;
        }
        String file = builder.getResource().getLocation();
        for (RouteDefinition route : builder.getRouteCollection().getRoutes()) {
            for (String uri : sends(route.getOutputs())) {
                check(file, route.getRouteId(), uri);
            }
        }
    }

    private void check(String file, String routeId, String uri) {
        String resolved = camel.resolvePropertyPlaceholders(uri);
        String rest = resolved.substring("kamelet:".length()).replaceFirst("^//", "");
        int query = rest.indexOf('?');
        String kamelet = (query < 0 ? rest : rest.substring(0, query)).split("/")[0];
        if (!KameletChecks.KAMELETS.contains(kamelet)) {
            return;
        }
        try {
            Map<String, Object> parameters = new LinkedHashMap<>(query < 0 ? Map.of() : URISupport.parseQuery(rest.substring(query + 1)));
            checks.check(kamelet, parameters, "route " + routeId);
        } catch (InvalidSettingException e) {
            LOG.warn("route refused file={} route={} kamelet={} reason=\"{}\"", file, routeId, kamelet, e.getMessage());
            throw e;
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(file, "route " + routeId + " has a malformed kamelet:" + kamelet + " URI");
        }
    }

    /** Every static {@code kamelet:} endpoint the route sends to, however deeply nested. */
    private static List<String> sends(List<ProcessorDefinition<?>> outputs) {
        List<String> uris = new ArrayList<>();
        for (ProcessorDefinition<?> step : outputs) {
            if (step instanceof SendDefinition<?> send && send.getEndpointUri() != null && send.getEndpointUri().startsWith("kamelet:")) {
                uris.add(send.getEndpointUri());
            }
            uris.addAll(sends(step.getOutputs()));
        }
        return uris;
    }
}
