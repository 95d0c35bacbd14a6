package com.zoomoverlay.bridge.delivery.targets;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.zoomoverlay.bridge.config.Durations;
import com.zoomoverlay.bridge.config.InvalidSettingException;
import com.zoomoverlay.bridge.config.PropertyReader;

/**
 * The settings of one target, {@code bridge.targets.<name>.*} with the prefix taken off (placeholders
 * resolved): {@code kind}, {@code url}, {@code max-age}, {@code max-in-flight}, and whatever its kind needs.
 * Errors name the full property, so the start-up line points at the right key.
 */
public record TargetConfig(String name, String kind, Map<String, String> properties) {

    public static final String PREFIX = "bridge.targets.";

    public TargetConfig {
        properties = Map.copyOf(properties);
    }

    /** The full property name of one of this target's keys, for error messages. */
    public String key(String property) {
        return PREFIX + name + "." + property;
    }

    public Optional<String> optional(String property) {
        return Optional.ofNullable(properties.get(property)).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String required(String property) {
        return optional(property).orElseThrow(() ->
                new InvalidSettingException(key(property), "is required for a target of kind " + kind));
    }

    /** An absolute http:// or https:// URL with a host. */
    public URI httpUrl(String property) {
        String raw = required(property);
        try {
            URI uri = new URI(raw);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidSettingException(key(property), "must be an http:// or https:// URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(key(property), "is not a valid URL");
        }
    }

    public int integer(String property, int fallback, int min, int max) {
        return reader().integer(key(property), fallback, min, max);
    }

    /** {@link PropertyReader} over this target's keys, addressed by their full names. */
    private PropertyReader reader() {
        String own = PREFIX + name + ".";
        return new PropertyReader(full -> full.startsWith(own) ? optional(full.substring(own.length())) : Optional.empty());
    }

    /** A duration such as {@code 2m} or {@code 24h} ({@link Durations}). */
    public Duration duration(String property, Duration fallback) {
        return reader().duration(key(property), fallback);
    }
}
