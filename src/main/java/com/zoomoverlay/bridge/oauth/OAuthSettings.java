package com.zoomoverlay.bridge.oauth;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.zoomoverlay.bridge.config.PropertyReader;

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

    private static final String PREFIX = "bridge.oauth.";

    /** How long a login may take between /oauth/login and the callback. */
    public static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    public static OAuthSettings load(Function<String, Optional<String>> properties) {
        PropertyReader read = new PropertyReader(properties);
        return new OAuthSettings(
                Arrays.stream(properties.apply(PREFIX + "required-scopes").orElse("websocket").split("[ ,]+"))
                        .filter(s -> !s.isBlank()).toList(),
                read.millis(PREFIX + "check-interval", 5_000, 1),
                read.millis(PREFIX + "token-timeout", 10_000, 1),
                read.millis(PREFIX + "retry-initial-backoff", 1_000, 1),
                read.millis(PREFIX + "retry-max-backoff", 60_000, 1),
                read.count(PREFIX + "retry-max-attempts", 5),
                read.millis(PREFIX + "round-backoff", 30_000, 1),
                read.millis(PREFIX + "store-watch-interval", 1_000, 1));
    }
}
