package com.zoomoverlay.bridge.simulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens the simulated Zoom has issued: the OAuth side issues them, the Event WebSocket
 * side accepts only those that are known, unexpired and not revoked.
 */
public final class SimulatedTokens {

    /** An issued access token. */
    public record AccessToken(String value, Instant expiresAt, List<String> scopes) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, AccessToken> issued = new ConcurrentHashMap<>();

    public SimulatedTokens(Clock clock) {
        this.clock = clock;
    }

    public AccessToken issueAccessToken(java.time.Duration lifetime, List<String> scopes) {
        AccessToken token = new AccessToken(randomToken("sim_at_"), clock.instant().plus(lifetime), List.copyOf(scopes));
        issued.put(token.value(), token);
        return token;
    }

    /** The token if it is one we issued and it is still valid now. */
    public Optional<AccessToken> validAccessToken(String value) {
        if (value == null) {
            return Optional.empty();
        }
        AccessToken token = issued.get(value);
        if (token == null || !clock.instant().isBefore(token.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(token);
    }

    /** Revokes every access token issued so far (a user removing the app, an admin revoking it). */
    public void revokeAllAccessTokens() {
        issued.clear();
    }

    public void revokeAccessToken(String value) {
        issued.remove(value);
    }

    /** Opaque random token with a recognizable prefix (so a leak in a log is easy to grep for). */
    public String randomToken(String prefix) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public Clock clock() {
        return clock;
    }
}
