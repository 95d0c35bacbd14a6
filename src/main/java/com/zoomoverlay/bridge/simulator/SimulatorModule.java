package com.zoomoverlay.bridge.simulator;

import java.util.Set;

import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.config.PropertyReader;
import com.zoomoverlay.bridge.config.SimulatedSecrets;
import com.zoomoverlay.bridge.http.HttpModule;
import com.zoomoverlay.bridge.simulator.graphics.GraphicsDemo;
import com.zoomoverlay.bridge.wiring.BridgeClock;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import com.zoomoverlay.bridge.zoomhook.ZoomWebhookIngress;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code --simulate}, serves the {@link ZoomSimulator} under {@code /simulator} on the bridge's
 * own port; the settings already point the bridge at it. Never active otherwise.
 */
public final class SimulatorModule implements BridgeModule {

    public static final String BEAN_NAME = "zoomSimulator";
    public static final String MOUNT_PATH = "/simulator";
    public static final String DEMO_PROPERTY = "bridge.simulator.demo";
    /** Whether the simulator also sends its scripted meeting by Zoom webhook (default on; docs/zoom-webhooks.md). */
    public static final String WEBHOOKS_PROPERTY = "bridge.simulator.webhooks";
    /** More redirect URIs the simulated Zoom app accepts besides the bridge's own callback. */
    public static final String REDIRECT_URIS_PROPERTY = "bridge.simulator.redirect-uris";
    private static final String DEMO_BEAN = "graphicsDemo";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorModule.class);

    @Override
    public void install(CamelContext camel, BridgeSettings settings) {
        if (!settings.simulate()) {
            return;
        }
        SimulatorConfig config = eventPacing(camel, SimulatorConfig.defaults(settings.zoom().clientId(),
                settings.zoom().clientSecret().reveal(), redirectUris(camel, settings)));
        GraphicsDemo demo = demo(camel, settings);
        boolean scripted = properties(camel).bool(WEBHOOKS_PROPERTY, true);
        HttpModule.onRouterReady(camel, router -> {
            if (demo != null) {
                demo.addRoutes(router); // before the Zoom simulator's sub-router, which owns the rest of /simulator
                LOG.info("downstream demo serving path={} (signed-webhook receiver and fakes of vMix, H2R Graphics, Singular)",
                        GraphicsDemo.PATH);
            }
            ZoomSimulator simulator = new ZoomSimulator(router.vertx(), config, BridgeClock.of(camel));
            router.route(MOUNT_PATH + "/*").subRouter(simulator.router());
            camel.getRegistry().bind(BEAN_NAME, simulator);
            LOG.info("zoom simulator serving path={} (simulated Zoom, no real account used)", MOUNT_PATH);
            // The simulated Zoom also sends its meeting by webhook when the bridge receives them (the
            // webhook module, installed after this one, has bound its ingress by now).
            ZoomWebhookIngress ingress = camel.getRegistry().lookupByNameAndType(ZoomWebhookIngress.BEAN_NAME,
                    ZoomWebhookIngress.class);
            if (ingress != null) {
                simulator.sendWebhooksTo(java.net.URI.create("http://localhost:" + settings.port() + ingress.path()),
                        ingress.secretToken(), scripted);
            }
        });
        // Where to log in, without printing the generated password itself.
        LOG.info("console http://localhost:{}/ user=admin password=ADMIN_TOKEN, or admin-token in {} when unset",
                settings.port(), settings.store().dataDir().resolve(SimulatedSecrets.FILE_NAME));
    }

    /**
     * The downstream demo, unless {@code bridge.simulator.demo=false}: the examples' targets that the
     * operator left unset point at its fakes, and with no {@code ROUTES_DIR} the
     * examples run ({@code Application.routesDir}).
     */
    private static GraphicsDemo demo(CamelContext camel, BridgeSettings settings) {
        if (!properties(camel).bool(DEMO_PROPERTY, true)) {
            return null;
        }
        GraphicsDemo demo = new GraphicsDemo(BridgeClock.of(camel));
        // Only where the operator set nothing: application.properties maps these from env vars that are unset here.
        demo.targetProperties(settings.port()).forEach((key, value) -> {
            if (camel.getPropertiesComponent().resolveProperty(key).filter(v -> !v.isBlank()).isEmpty()) {
                camel.getPropertiesComponent().addOverrideProperty(key, value);
            }
        });
        camel.getRegistry().bind(DEMO_BEAN, demo);
        return demo;
    }

    /**
     * The bridge's own callback, plus {@code bridge.simulator.redirect-uris} (comma-separated): with those,
     * one simulating process is the Zoom of other bridges that log in through themselves, such as two
     * replicas rehearsing a failover (docs/deployment.md) that must outlive the leader's process.
     */
    static Set<String> redirectUris(CamelContext camel, BridgeSettings settings) {
        Set<String> uris = new java.util.LinkedHashSet<>();
        uris.add(settings.zoom().redirectUri().toString());
        camel.getPropertiesComponent().resolveProperty(REDIRECT_URIS_PROPERTY).ifPresent(list -> {
            for (String uri : list.split(",")) {
                if (!uri.isBlank()) {
                    uris.add(uri.trim());
                }
            }
        });
        return Set.copyOf(uris);
    }

    private static PropertyReader properties(CamelContext camel) {
        return new PropertyReader(key -> camel.getPropertiesComponent().resolveProperty(key));
    }

    /** The running demo; null unless simulating with it. */
    public static GraphicsDemo demoOf(CamelContext camel) {
        return camel.getRegistry().lookupByNameAndType(DEMO_BEAN, GraphicsDemo.class);
    }

    /** The running simulator, for tests and rehearsals; null unless simulating. */
    public static ZoomSimulator of(CamelContext camel) {
        return camel.getRegistry().lookupByNameAndType(BEAN_NAME, ZoomSimulator.class);
    }

    /** {@code bridge.simulator.scripted-story} and {@code bridge.simulator.event-interval-ms}, for rehearsals and tests. */
    private static SimulatorConfig eventPacing(CamelContext camel, SimulatorConfig config) {
        PropertyReader read = properties(camel);
        boolean story = read.bool("bridge.simulator.scripted-story", config.scriptedStory());
        // at least 10 ms apart, whatever is asked: the story must not flood the bridge
        long intervalMs = read.atLeast("bridge.simulator.event-interval-ms", config.eventInterval().toMillis(), 0);
        java.time.Duration interval = java.time.Duration.ofMillis(Math.max(10, intervalMs));
        return config.withStory(story, interval);
    }
}
