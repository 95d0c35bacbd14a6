package com.zoomoverlay.bridge.http.security;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import com.zoomoverlay.bridge.config.InvalidSettingException;
import com.zoomoverlay.bridge.config.PropertyReader;

/**
 * How failed admin logins are slowed down ({@code bridge.admin.login-*} in {@code application.properties}).
 *
 * @param freeFailures failures a client may make before it has to wait
 * @param firstDelay the first wait, doubled with every further failure
 * @param maxDelay the longest wait: the legitimate admin is let in at most this long after a flood stops
 * @param forgetAfter a client with no failure for this long starts again with its full budget
 * @param maxClients how many clients are remembered at most (the table's memory bound)
 */
record AdminLoginSettings(int freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter,
                                 int maxClients) {

    public static final AdminLoginSettings DEFAULTS =
            new AdminLoginSettings(5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15), 10_000);

    public static AdminLoginSettings load(Function<String, Optional<String>> properties) {
        PropertyReader read = new PropertyReader(properties);
        AdminLoginSettings s = new AdminLoginSettings(
                read.count(key("free-failures"), DEFAULTS.freeFailures),
                read.duration(key("first-delay"), DEFAULTS.firstDelay),
                read.duration(key("max-delay"), DEFAULTS.maxDelay),
                read.duration(key("forget-after"), DEFAULTS.forgetAfter),
                read.count(key("max-clients"), DEFAULTS.maxClients));
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
}
