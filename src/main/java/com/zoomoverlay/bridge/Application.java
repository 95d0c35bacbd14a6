package com.zoomoverlay.bridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.zoomoverlay.bridge.accept.AcceptModule;
import com.zoomoverlay.bridge.cluster.ClusterModule;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.config.InvalidSettingException;
import com.zoomoverlay.bridge.config.PropertyReader;
import com.zoomoverlay.bridge.config.SettingsLoader;
import com.zoomoverlay.bridge.delivery.DeliveryModule;
import com.zoomoverlay.bridge.health.HealthModule;
import com.zoomoverlay.bridge.http.EarlyVertx;
import com.zoomoverlay.bridge.http.HttpModule;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.oauth.OAuthModule;
import com.zoomoverlay.bridge.outputs.OutputsModule;
import com.zoomoverlay.bridge.overlay.OverlayModule;
import com.zoomoverlay.bridge.pages.PagesModule;
import com.zoomoverlay.bridge.routes.RouteEndpointCheck;
import com.zoomoverlay.bridge.showstate.ShowStateModule;
import com.zoomoverlay.bridge.simulator.SimulatorModule;
import com.zoomoverlay.bridge.store.StoreModule;
import com.zoomoverlay.bridge.wiring.BridgeClock;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import com.zoomoverlay.bridge.zoom.ZoomModule;
import com.zoomoverlay.bridge.zoomhook.ZoomWebhookModule;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Starts the bridge: Camel Main with the top-level {@code application.properties}, the settings
 * validated once, and each concern's {@link BridgeModule} installed in order.
 */
public final class Application {

    /** Working directory first, so an operator's mounted file wins over the packaged one. */
    static final String PROPERTY_LOCATIONS =
            "file:application.properties;optional=true,classpath:application.properties;optional=true";


    private Application() {
    }

    public static void main(String[] args) throws Exception {
        java.util.List<String> memory = com.zoomoverlay.bridge.jvm.MemoryReturn.apply();
        EarlyVertx.start();
        if (!memory.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(Application.class).info("jvm returns unused heap {} (set on the command line to change)",
                    String.join(" ", memory));
        }
        try {
            create(args, Map.of()).run();
        } catch (Exception e) {
            Optional<InvalidSettingException> invalid = findInvalidSetting(e);
            if (invalid.isEmpty()) {
                throw e;
            }
            System.err.println("configuration error: " + invalid.get().getMessage());
            System.err.flush();
            // Nothing has started yet; halting skips Camel's shutdown hook, which would report a SIGTERM.
            Runtime.getRuntime().halt(2);
        }
    }

    /**
     * A configured, not yet started Main. Tests start the same thing the jar runs, with {@code overrides}
     * standing in for environment variables (keys as in {@code application.properties}).
     */
    public static Main create(String[] args, Map<String, String> overrides) {
        return create(args, overrides, Clock.systemUTC());
    }

    /** As {@link #create(String[], Map)}, with the clock every module tells time by (tests move it). */
    public static Main create(String[] args, Map<String, String> overrides, Clock clock) {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation(PROPERTY_LOCATIONS);
        String routesDir = routesDir(overrides, Arrays.asList(args).contains("--simulate"));
        main.addOverrideProperty("camel.main.routes-include-pattern", routesIncludePattern(routesDir));
        main.addOverrideProperty("camel.main.routes-reload-directory", routesDir);
        overrides.forEach(main::addOverrideProperty);
        if (Arrays.asList(args).contains("--simulate")) {
            main.addOverrideProperty(SettingsLoader.keyOf("SIMULATE"), "true");
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport support) {
                CamelContext camel = support.getCamelContext();
                BridgeSettings settings = new SettingsLoader(key -> resolve(camel, key)).load();
                camel.getRegistry().bind("bridgeSettings", settings);
                camel.getRegistry().bind(BridgeClock.BEAN_NAME, clock);
                camel.getRegistry().bind("routeEndpointCheck", new RouteEndpointCheck(camel));
                installModules(camel, settings);
            }

            @Override
            public void afterConfigure(BaseMainSupport support) {
                support.getCamelContext().getRegistry()
                        .lookupByNameAndType("routeEndpointCheck", RouteEndpointCheck.class).checkLoadedAtStart();
            }
        });
        return main;
    }

    /**
     * The engineers' routes: {@code ./routes} (hot reloaded) when the working directory has one,
     * else the copy packaged in the jar, so {@code java -jar} works from anywhere. The packaged files are
     * named one by one: a {@code classpath:} wildcard makes Camel read every entry of the 50 MB jar, twice.
     */
    static String routesIncludePattern(String dir) {
        if (Files.isDirectory(Path.of(dir))) {
            return "file:" + dir + "/*.camel.yaml";
        }
        return PackagedRoutes.list(dir).stream().map(name -> "classpath:" + name)
                .reduce((a, b) -> a + "," + b)
                .orElse("classpath:" + dir + "/*.camel.yaml");
    }

    /**
     * {@code ROUTES_DIR}: where the routes are, {@code routes} unless set; {@code routes/examples} runs the
     * worked examples together, and is the default when simulating with the downstream demo on, so a
     * newcomer sees every output deliver. Read here, before the properties are, because it says which
     * files to load.
     */
    static String routesDir(Map<String, String> overrides, boolean simulateFlag) {
        // Read before Camel exists (the routes pattern is part of its set-up): the overrides, else the environment.
        PropertyReader variables = new PropertyReader(variable -> Optional.ofNullable(overrides.getOrDefault(
                "SIMULATOR_DEMO".equals(variable) ? SimulatorModule.DEMO_PROPERTY : SettingsLoader.keyOf(variable),
                System.getenv(variable))));
        Optional<String> dir = variables.text("ROUTES_DIR");
        if (dir.isPresent()) {
            return dir.get().replaceAll("/+$", "");
        }
        boolean simulating = simulateFlag || variables.bool("SIMULATE", false);
        return simulating && variables.bool("SIMULATOR_DEMO", true) ? "routes/examples" : "routes";
    }

    /** The concerns, in the order they depend on each other. */
    static List<BridgeModule> modules() {
        return List.of(
                new MetricsModule(),
                new HealthModule(),
                new StoreModule(),
                new ClusterModule(),
                new HttpModule(),
                new SimulatorModule(),
                new OAuthModule(),
                new ZoomModule(),
                new OutputsModule(),
                new DeliveryModule(),
                new AcceptModule(),
                new ZoomWebhookModule(),
                new OverlayModule(),
                new ShowStateModule(),
                new PagesModule());
    }

    private static void installModules(CamelContext camel, BridgeSettings settings) {
        for (BridgeModule module : modules()) {
            try {
                module.install(camel, settings);
            } catch (InvalidSettingException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot install " + module.getClass().getSimpleName(), e);
            }
        }
    }

    private static Optional<String> resolve(CamelContext camel, String key) {
        return camel.getPropertiesComponent().resolveProperty(key);
    }

    static Optional<InvalidSettingException> findInvalidSetting(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException invalid) {
                return Optional.of(invalid);
            }
        }
        return Optional.empty();
    }
}
