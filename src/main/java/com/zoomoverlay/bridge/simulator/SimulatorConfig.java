package com.zoomoverlay.bridge.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How the simulated Zoom behaves: which app it knows, how long tokens live, how it paces its
 * scripted meeting. {@link #defaults} mirrors real Zoom where Zoom documents a value.
 */
public record SimulatorConfig(
        String clientId,
        String clientSecret,
        Set<String> redirectUris,
        List<String> grantedScopes,
        Duration accessTokenLifetime,
        Duration authorizationCodeLifetime,
        Duration heartbeatTimeout,
        Duration eventInterval,
        boolean scriptedStory) {

    /** Zoom's own numbers: 1 h access tokens, 60 s authorization codes; a client silent for 90 s is dropped. */
    public static SimulatorConfig defaults(String clientId, String clientSecret, Set<String> redirectUris) {
        return new SimulatorConfig(clientId, clientSecret, redirectUris,
                List.of("meeting:read", "webinar:read", "websocket"),
                Duration.ofHours(1), Duration.ofSeconds(60), Duration.ofSeconds(90), Duration.ofSeconds(2), true);
    }

    public SimulatorConfig withAccessTokenLifetime(Duration lifetime) {
        return new SimulatorConfig(clientId, clientSecret, redirectUris, grantedScopes, lifetime,
                authorizationCodeLifetime, heartbeatTimeout, eventInterval, scriptedStory);
    }

    public SimulatorConfig withGrantedScopes(List<String> scopes) {
        return new SimulatorConfig(clientId, clientSecret, redirectUris, scopes, accessTokenLifetime,
                authorizationCodeLifetime, heartbeatTimeout, eventInterval, scriptedStory);
    }

    public SimulatorConfig withHeartbeatTimeout(Duration timeout) {
        return new SimulatorConfig(clientId, clientSecret, redirectUris, grantedScopes, accessTokenLifetime,
                authorizationCodeLifetime, timeout, eventInterval, scriptedStory);
    }

    /** Pace of the scripted meeting; {@code scripted=false} sends only what a test asks for. */
    public SimulatorConfig withStory(boolean scripted, Duration interval) {
        return new SimulatorConfig(clientId, clientSecret, redirectUris, grantedScopes, accessTokenLifetime,
                authorizationCodeLifetime, heartbeatTimeout, interval, scripted);
    }
}
