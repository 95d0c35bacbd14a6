package com.zoomoverlay.bridge.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.zoomoverlay.bridge.oauth.Pkce;

/**
 * The simulated Zoom's memory of what it has granted: authorization codes (single use, short lived,
 * bound to a redirect URI and a PKCE challenge) and refresh tokens (rotated: each one works once).
 */
public final class SimulatedGrants {

    /** A code handed out by {@code /oauth/authorize}, waiting to be exchanged. */
    record PendingCode(String redirectUri, String codeChallenge, List<String> scopes, Instant expiresAt) {
    }

    private final SimulatedTokens tokens;
    private final Clock clock;
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final Map<String, List<String>> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> deadRefreshTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refreshTokenReuses = new AtomicInteger();

    SimulatedGrants(SimulatedTokens tokens) {
        this.tokens = tokens;
        this.clock = tokens.clock();
    }

    String issueCode(String redirectUri, String codeChallenge, List<String> scopes, Duration lifetime) {
        String code = tokens.randomToken("sim_code_");
        codes.put(code, new PendingCode(redirectUri, codeChallenge, scopes, clock.instant().plus(lifetime)));
        return code;
    }

    /**
     * Redeems a code: it is gone after this call whatever the outcome (codes are single use), and only
     * yields its scopes when unexpired, for the same redirect URI, with the verifier of its challenge.
     */
    Optional<List<String>> redeemCode(String code, String redirectUri, String codeVerifier) {
        PendingCode pending = code == null ? null : codes.remove(code);
        if (pending == null || !clock.instant().isBefore(pending.expiresAt())) {
            return Optional.empty();
        }
        if (!pending.redirectUri().equals(redirectUri) || codeVerifier == null
                || !constantTimeEquals(Pkce.challenge(codeVerifier), pending.codeChallenge())) {
            return Optional.empty();
        }
        return Optional.of(pending.scopes());
    }

    String issueRefreshToken(List<String> scopes) {
        String token = tokens.randomToken("sim_rt_");
        refreshTokens.put(token, List.copyOf(scopes));
        return token;
    }

    /** Rotation: a live refresh token yields its scopes once and dies; a dead one is counted as reuse. */
    Optional<List<String>> redeemRefreshToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        List<String> scopes = refreshTokens.remove(token);
        if (scopes == null) {
            if (deadRefreshTokens.contains(token)) {
                refreshTokenReuses.incrementAndGet();
            }
            return Optional.empty();
        }
        deadRefreshTokens.add(token);
        return Optional.of(scopes);
    }

    /** Every refresh token dies (the user removed the app, an admin revoked it): the next refresh gets invalid_grant. */
    public void revokeAllRefreshTokens() {
        deadRefreshTokens.addAll(refreshTokens.keySet());
        refreshTokens.clear();
    }

    /** How often a refresh token that had already been used was presented again: a client bug if ever above zero. */
    public int refreshTokenReuses() {
        return refreshTokenReuses.get();
    }

    public int liveRefreshTokens() {
        return refreshTokens.size();
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
