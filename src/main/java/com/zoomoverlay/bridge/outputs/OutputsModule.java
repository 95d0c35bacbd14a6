package com.zoomoverlay.bridge.outputs;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.delivery.targets.TargetConfig;
import com.zoomoverlay.bridge.delivery.targets.TargetConfigs;
import com.zoomoverlay.bridge.delivery.targets.TargetDirectory;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graphics outputs: reads every configured target with its kind and checks the graphics targets'
 * settings (one clear line at start for a wrong one), binds them as {@link TargetDirectory}, and checks
 * each route made from the bridge's Kamelets as it is loaded ({@link KameletChecks}). Sending is the
 * delivery engine's: it makes each target's sender from {@link TargetKinds}.
 */
public final class OutputsModule implements BridgeModule {

    /** The configured targets with their settings, for the delivery engine. */
    public static final String CONFIGS_BEAN = "targetConfigs";
    private static final Logger LOG = LoggerFactory.getLogger(OutputsModule.class);

    @Override
    public void install(CamelContext camel, BridgeSettings settings) {
        TargetConfigs targets = TargetConfigs.load(resolvedTargetProperties(camel), defaultTarget(settings), TargetKinds.names());
        for (TargetConfig target : targets.all()) {
            TargetKinds.find(target.kind()).ifPresent(kind -> {
                kind.settings(target);
                LOG.info("graphics target configured target={} kind={}", target.name(), target.kind());
            });
        }
        camel.getRegistry().bind(CONFIGS_BEAN, targets);
        if (camel.getRegistry().lookupByName(TargetDirectory.BEAN_NAME) == null) {
            camel.getRegistry().bind(TargetDirectory.BEAN_NAME, targets);
        }
        KameletChecks checks = new KameletChecks(() -> TargetDirectory.of(camel));
        // an engineer's YAML file, checked when parsed (before it replaces anything), and any route as it is added
        camel.getRegistry().bind("kameletRouteCheck", new KameletRouteCheck(camel, checks));
        ((ModelCamelContext) camel).addModelLifecycleStrategy(checks);
    }

    private static Optional<TargetConfig> defaultTarget(BridgeSettings settings) {
        return settings.webhook().map(w -> new TargetConfig(TargetConfigs.DEFAULT, TargetConfigs.WEBHOOK,
                Map.of("url", w.url().toString(), "secret", w.secret().reveal())));
    }

    /** {@code bridge.targets.*} with placeholders ({{env:...}}) resolved. */
    static Properties resolvedTargetProperties(CamelContext camel) {
        Properties raw = camel.getPropertiesComponent().loadProperties(key -> key.startsWith(TargetConfig.PREFIX));
        Map<String, String> resolved = new HashMap<>();
        for (String key : raw.stringPropertyNames()) {
            camel.getPropertiesComponent().resolveProperty(key).ifPresent(v -> resolved.put(key, v));
        }
        Properties out = new Properties();
        out.putAll(resolved);
        return out;
    }
}
