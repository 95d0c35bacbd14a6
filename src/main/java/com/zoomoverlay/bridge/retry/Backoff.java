package com.zoomoverlay.bridge.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter, meant as the bridge's one answer to "how long until the next try".
 * The n-th retry (n from 0) has the ceiling {@code min(cap, initial * 2^n)} and waits a uniformly random
 * time in {@code [ceiling * (1 - jitter), ceiling]}: {@code jitter = 1} is full jitter, {@code 0.5}
 * is "equal jitter" (half fixed, half random), {@code 0} none. Any jitter below 1 puts a floor under
 * every wait, which bounds the attempts per second against a peer that keeps refusing; any jitter
 * above 0 keeps many bridges from retrying in step. Immutable; the caller keeps the attempt count and
 * passes the random source (tests pass a seeded one).
 *
 * <p>Used by every retry in the bridge: Event WebSocket reconnects ({@code zoom.ReconnectPolicy}), webhook
 * and graphics deliveries ({@code delivery.RetryPolicy}), token requests ({@code oauth.ZoomTokenService})
 * and, without jitter, the failed-login wait ({@code http.AdminLoginThrottle}). A peer's
 * {@code Retry-After} ({@link RetryAfter}) is the caller's to weigh against it.
 */
public record Backoff(Duration initial, Duration cap, double jitter) {

    private static final int MAX_SHIFT = 40;

    public Backoff {
        if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= cap (initial " + initial.toMillis()
                    + " ms, cap " + cap.toMillis() + " ms)");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be within [0, 1], was " + jitter);
        }
    }

    /**
     * As the constructor, for settings read one by one: a {@code cap} below {@code initial} caps every
     * wait (the curve starts at the cap) instead of being refused.
     */
    public static Backoff upTo(Duration initial, Duration cap, double jitter) {
        return new Backoff(initial.compareTo(cap) > 0 ? cap : initial, cap, jitter);
    }

    /** The longest wait before retry {@code attempt} (0 = the first retry). */
    public Duration ceiling(int attempt) {
        long base = initial.toMillis();
        long max = cap.toMillis();
        int n = Math.max(0, Math.min(attempt, MAX_SHIFT));
        // base > max / 2^n means base * 2^n is past the cap; checking first avoids overflow.
        return Duration.ofMillis(base > (max >> n) ? max : base << n);
    }

    /** The shortest wait before retry {@code attempt}: what bounds the attempt rate. */
    public Duration floor(int attempt) {
        return Duration.ofMillis(Math.max(1, (long) Math.ceil(ceiling(attempt).toMillis() * (1 - jitter))));
    }

    /** The wait before retry {@code attempt}, at least 1 ms. */
    public Duration delay(int attempt, RandomGenerator random) {
        long ceiling = ceiling(attempt).toMillis();
        long floor = floor(attempt).toMillis();
        return Duration.ofMillis(floor >= ceiling ? ceiling : random.nextLong(floor, ceiling + 1));
    }

    /** The same curve with another cap (a later phase of a long outage). */
    public Backoff withCap(Duration otherCap) {
        return new Backoff(initial, otherCap, jitter);
    }
}
