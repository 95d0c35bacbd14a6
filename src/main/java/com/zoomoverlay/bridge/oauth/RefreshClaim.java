package com.zoomoverlay.bridge.oauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * The right to spend the stored refresh token, taken in the shared store before every refresh attempt:
 * Zoom rotates refresh tokens, so of two replicas refreshing at once (both timers in a hand-over, a 4700 on
 * one and the timer on the other) the second would get {@code invalid_grant} and lose the grant for both.
 * The claim lasts one attempt and the wait before the next ({@code token-timeout + retry-max-backoff});
 * the holder renews it per attempt, a save ends it, a dead holder's claim runs out.
 */
final class RefreshClaim {

    /** Outcome of {@link #take}. */
    enum Taken { OURS, HELD_ELSEWHERE, STORE_UNAVAILABLE }

    private final TokenStore store;
    private final Clock clock;
    private final Duration length;
    private final String claimant;

    RefreshClaim(TokenStore store, Clock clock, OAuthSettings settings, SecureRandom random) {
        this.store = store;
        this.clock = clock;
        this.length = settings.tokenTimeout().plus(settings.maxBackoff());
        byte[] id = new byte[8];
        random.nextBytes(id);
        this.claimant = HexFormat.of().formatHex(id);
    }

    /**
     * Claims the refresh token stored as {@code version}. Grants that spend no refresh token
     * (authorization code, Server-to-Server account credentials) need no claim.
     */
    Taken take(Map<String, String> form, long version) {
        if (!"refresh_token".equals(form.get("grant_type"))) {
            return Taken.OURS;
        }
        try {
            return store.claimRefresh(version, claimant, clock.instant().plus(length)) ? Taken.OURS : Taken.HELD_ELSEWHERE;
        } catch (RuntimeException e) {
            // Without the claim, refreshing could spend a token another replica is spending: wait instead.
            return Taken.STORE_UNAVAILABLE;
        }
    }

    /** When a claim taken elsewhere now has surely run out (its holder died mid-refresh). */
    Instant heldElsewhereUntil() {
        return clock.instant().plus(length);
    }
}
