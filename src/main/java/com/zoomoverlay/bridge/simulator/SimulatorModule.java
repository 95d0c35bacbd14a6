package com.zoomoverlay.bridge.simulator;

import java.util.Set;

import com.zoomoverlay.bridge.Application;
import com.zoomoverlay.bridge.BridgeModule;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.config.SimulatedSecrets;
import com.zoomoverlay.bridge.http.HttpModule;
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
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorModule.class);

    @Override
    public void install(CamelContext camel, BridgeSettings settings) {
        if (!settings.simulate()) {
            return;
        }
        SimulatorConfig config = SimulatorConfig.defaults(settings.zoom().clientId(),
                settings.zoom().clientSecret().reveal(), Set.of(settings.zoom().redirectUri().toString()));
        HttpModule.onRouterReady(camel, router -> {
            ZoomSimulator simulator = new ZoomSimulator(router.vertx(), config, Application.clock(camel));
            router.route(MOUNT_PATH + "/*").subRouter(simulator.router());
            camel.getRegistry().bind(BEAN_NAME, simulator);
            LOG.info("zoom simulator serving path={} (simulated Zoom, no real account used)", MOUNT_PATH);
        });
        // Where to log in, without printing the generated password itself.
        LOG.info("console http://localhost:{}/ user=admin password=ADMIN_TOKEN, or admin-token in {} when unset",
                settings.port(), settings.store().dataDir().resolve(SimulatedSecrets.FILE_NAME));
    }

    /** The running simulator, for tests and rehearsals; null unless simulating. */
    public static ZoomSimulator of(CamelContext camel) {
        return camel.getRegistry().lookupByNameAndType(BEAN_NAME, ZoomSimulator.class);
    }
}
