package com.zoomoverlay.bridge.oauth;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.zoomoverlay.bridge.config.InvalidSettingException;

/**
 * Tuning of the OAuth concern ({@code bridge.oauth.*} in {@code application.properties}); the defaults
 * suit real Zoom, tests shrink the intervals instead of waiting.
 *
 * @param requiredScopes scopes the bridge cannot work without; missing ones are reported
 * @param checkInterval how often the refresh timer looks whether the token is due
 * @param tokenTimeout connect and response timeout of a token request
 * @param initialBackoff first wait before retrying a transient token failure (doubles per attempt)
 * @param maxBackoff longest wait of our own between attempts (a longer Retry-After from Zoom is honoured)
 * @param maxAttempts attempts per refresh before giving up until the timer's next round
 * @param roundBackoff wait after a refresh gave up before the timer tries again
 * @param storeWatchInterval how often every replica looks whether the shared store holds a newer grant
 */
public record OAuthSettings(
        List<String> requiredScopes,
        Duration checkInterval,
        Duration tokenTimeout,
        Duration initialBackoff,
        Duration maxBackoff,
        int maxAttempts,
        Duration roundBackoff,
        Duration storeWatchInterval) {

    /** How long a login may take between /oauth/login and the callback. */
    public static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    public static OAuthSettings load(Function<String, Optional<String>> properties) {
        return new OAuthSettings(
                Arrays.stream(properties.apply("bridge.oauth.required-scopes").orElse("websocket").split("[ ,]+"))
                        .filter(s -> !s.isBlank()).toList(),
                millis(properties, "check-interval", 5_000),
                millis(properties, "token-timeout", 10_000),
                millis(properties, "retry-initial-backoff", 1_000),
                millis(properties, "retry-max-backoff", 60_000),
                (int) number(properties, "retry-max-attempts", 5),
                millis(properties, "round-backoff", 30_000),
                millis(properties, "store-watch-interval", 1_000));
    }

    private static Duration millis(Function<String, Optional<String>> properties, String name, long fallback) {
        return Duration.ofMillis(number(properties, name, fallback));
    }

    private static long number(Function<String, Optional<String>> properties, String name, long fallback) {
        String key = "bridge.oauth." + name;
        String raw = properties.apply(key).map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw);
            if (value < 1) {
                throw new InvalidSettingException(key, "must be at least 1, got " + raw);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "must be a whole number, got '" + raw + "'");
        }
    }
}
