package com.zoomoverlay.bridge.http;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import com.zoomoverlay.bridge.config.Durations;
import com.zoomoverlay.bridge.config.InvalidSettingException;

/**
 * How failed admin logins are slowed down ({@code bridge.admin.login-*} in {@code application.properties}).
 *
 * @param freeFailures failures a client may make before it has to wait
 * @param firstDelay the first wait, doubled with every further failure
 * @param maxDelay the longest wait: the legitimate admin is let in at most this long after a flood stops
 * @param forgetAfter a client with no failure for this long starts again with its full budget
 * @param maxClients how many clients are remembered at most (the table's memory bound)
 */
public record AdminLoginSettings(int freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter,
                                 int maxClients) {

    public static final AdminLoginSettings DEFAULTS =
            new AdminLoginSettings(5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15), 10_000);

    public static AdminLoginSettings load(Function<String, Optional<String>> properties) {
        AdminLoginSettings s = new AdminLoginSettings(
                count(properties, "free-failures", DEFAULTS.freeFailures),
                duration(properties, "first-delay", DEFAULTS.firstDelay),
                duration(properties, "max-delay", DEFAULTS.maxDelay),
                duration(properties, "forget-after", DEFAULTS.forgetAfter),
                count(properties, "max-clients", DEFAULTS.maxClients));
        if (s.maxDelay.compareTo(s.firstDelay) < 0) {
            throw new InvalidSettingException(key("max-delay"), "must not be shorter than " + key("first-delay"));
        }
        if (s.forgetAfter.compareTo(s.maxDelay) < 0) {
            throw new InvalidSettingException(key("forget-after"), "must not be shorter than " + key("max-delay"));
        }
        return s;
    }

    private static String key(String name) {
        return "bridge.admin.login-" + name;
    }

    private static Optional<String> value(Function<String, Optional<String>> properties, String name) {
        return properties.apply(key(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static Duration duration(Function<String, Optional<String>> properties, String name, Duration fallback) {
        return value(properties, name).map(v -> Durations.parse(key(name), v)).orElse(fallback);
    }

    private static int count(Function<String, Optional<String>> properties, String name, int fallback) {
        Optional<String> raw = value(properties, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw.get());
            if (n < 1) {
                throw new InvalidSettingException(key(name), "must be at least 1, got " + raw.get());
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key(name), "must be a whole number, got '" + raw.get() + "'");
        }
    }
}
