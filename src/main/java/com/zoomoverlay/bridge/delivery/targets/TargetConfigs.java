package com.zoomoverlay.bridge.delivery.targets;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.zoomoverlay.bridge.config.InvalidSettingException;

/**
 * Every configured target's settings, read from {@code bridge.targets.<name>.*} (placeholders already
 * resolved). A target is on when it has an address ({@code url}, {@code host} or {@code token}); one mapped
 * from unset environment variables is off. Its kind is {@code .kind}, {@code webhook} when unset.
 */
public final class TargetConfigs implements TargetDirectory {

    public static final String DEFAULT = "default";
    public static final String WEBHOOK = "webhook";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Set<String> ADDRESSES = Set.of("url", "host", "token");

    private final Map<String, TargetConfig> byName;

    private TargetConfigs(Map<String, TargetConfig> byName) {
        this.byName = Map.copyOf(byName);
    }

    /**
     * Reads the targets from {@code properties}; {@code defaultTarget} is the contract's default webhook
     * ({@code OVERLAY_WEBHOOK_URL}) when set. A kind not in {@code kinds} stops start-up naming {@code .kind}.
     */
    public static TargetConfigs load(Properties properties, Optional<TargetConfig> defaultTarget, Set<String> kinds) {
        Map<String, Map<String, String>> grouped = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith(TargetConfig.PREFIX)) {
                continue;
            }
            String rest = key.substring(TargetConfig.PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0) {
                continue;
            }
            grouped.computeIfAbsent(rest.substring(0, dot), n -> new HashMap<>())
                    .put(rest.substring(dot + 1), properties.getProperty(key, "").trim());
        }
        Map<String, TargetConfig> targets = new TreeMap<>();
        defaultTarget.ifPresent(t -> targets.put(DEFAULT, t));
        grouped.forEach((name, settings) -> {
            boolean on = settings.entrySet().stream().anyMatch(e -> ADDRESSES.contains(e.getKey()) && !e.getValue().isEmpty());
            if (!on) {
                return;
            }
            if (!NAME.matcher(name).matches() || DEFAULT.equals(name)) {
                throw new InvalidSettingException(TargetConfig.PREFIX + name,
                        "names a target that is not lower-case letters, digits and '-' (or is 'default')");
            }
            String kind = settings.getOrDefault("kind", "").isEmpty() ? WEBHOOK : settings.get("kind");
            if (!kinds.contains(kind)) {
                throw new InvalidSettingException(TargetConfig.PREFIX + name + ".kind",
                        "must be one of " + String.join(", ", new java.util.TreeSet<>(kinds)));
            }
            targets.put(name, new TargetConfig(name, kind, settings));
        });
        return new TargetConfigs(targets);
    }

    public Collection<TargetConfig> all() {
        return byName.values();
    }

    public Optional<TargetConfig> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public Optional<String> kindOf(String name) {
        return find(name).map(TargetConfig::kind);
    }

    @Override
    public Set<String> names() {
        return byName.keySet();
    }
}
