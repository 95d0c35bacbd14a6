package com.zoomoverlay.bridge.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.config.InvalidSettingException;
import com.zoomoverlay.bridge.delivery.targets.TargetConfig;
import com.zoomoverlay.bridge.delivery.targets.TargetKind;
import com.zoomoverlay.bridge.delivery.webhook.WebhookKind;
import io.vertx.core.Vertx;

/**
 * The configured targets: {@code default} from {@code OVERLAY_WEBHOOK_URL}/{@code _SECRET}, plus named
 * ones from {@code bridge.targets.<name>.*} ({@code kind}, {@code url}, {@code max-age},
 * {@code max-in-flight} and what the kind needs). Validated once at start: a wrong setting stops
 * start-up with one line naming the property. A target whose {@code url} is empty is off.
 */
public final class DeliveryTargets {

    public static final String DEFAULT = "default";
    /** Reserved: the dead letters of events whose routes failed are filed under it. */
    public static final String ROUTES = "routes";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final int MAX_IN_FLIGHT = 64;

    private final Map<String, DeliveryTarget> byName;

    private DeliveryTargets(Map<String, DeliveryTarget> byName) {
        this.byName = Map.copyOf(byName);
    }

    /**
     * Reads and validates every target and makes its sender. {@code properties} holds the resolved
     * {@code bridge.targets.*} keys; {@code kinds} the known target kinds by name.
     */
    public static DeliveryTargets load(BridgeSettings settings, Properties properties, Map<String, TargetKind> kinds,
            Duration defaultMaxAge, Vertx vertx, Clock clock) {
        Map<String, Map<String, String>> raw = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith(TargetConfig.PREFIX)) {
                continue;
            }
            String rest = key.substring(TargetConfig.PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0) {
                throw new InvalidSettingException(key, "must be " + TargetConfig.PREFIX + "<name>.<setting>");
            }
            raw.computeIfAbsent(rest.substring(0, dot), n -> new HashMap<>())
                    .put(rest.substring(dot + 1), properties.getProperty(key));
        }
        settings.webhook().ifPresent(w -> {
            Map<String, String> def = raw.computeIfAbsent(DEFAULT, n -> new HashMap<>());
            def.put("kind", WebhookKind.NAME);
            def.put("url", w.url().toString());
            def.put("secret", w.secret().reveal());
        });
        Map<String, DeliveryTarget> targets = new TreeMap<>();
        raw.forEach((name, props) -> {
            TargetConfig config = new TargetConfig(name, props.getOrDefault("kind", WebhookKind.NAME).trim(), props);
            if (config.optional("url").isEmpty() && config.optional("host").isEmpty() && config.optional("token").isEmpty()) {
                return; // its address (url; host for CasparCG, token for Singular) mapped from an unset env var: off
            }
            if (!NAME.matcher(name).matches() || ROUTES.equals(name)
                    || (DEFAULT.equals(name) && settings.webhook().isEmpty())) {
                throw new InvalidSettingException(config.key("url"), "names a target that is not lower-case letters, "
                        + "digits and '-' (or is reserved: 'routes'; 'default' comes from OVERLAY_WEBHOOK_URL)");
            }
            TargetKind kind = kinds.get(config.kind());
            if (kind == null) {
                throw new InvalidSettingException(config.key("kind"), "must be one of " + new TreeMap<>(kinds).keySet());
            }
            Duration maxAge = config.duration("max-age", defaultMaxAge);
            int maxInFlight = config.integer("max-in-flight", 1, 1, MAX_IN_FLIGHT);
            targets.put(name, new DeliveryTarget(name, kind.name(), maxAge, maxInFlight, kind.create(config, vertx, clock)));
        });
        return new DeliveryTargets(targets);
    }

    public Optional<DeliveryTarget> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<DeliveryTarget> all() {
        return byName.values();
    }

    /**
     * For routes and Kamelets that name a target: refuses, at start or reload, a name that is not
     * configured or is of another kind.
     */
    public DeliveryTarget requireKind(String name, String kind) {
        DeliveryTarget target = byName.get(name);
        if (target == null) {
            throw new IllegalArgumentException("no delivery target named '" + name + "' (configure "
                    + TargetConfig.PREFIX + name + ".url)");
        }
        if (!target.kind().equals(kind)) {
            throw new IllegalArgumentException("delivery target '" + name + "' is of kind " + target.kind() + ", not " + kind);
        }
        return target;
    }
}
