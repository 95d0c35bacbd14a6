package com.zoomoverlay.bridge.delivery;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * When to try a failed delivery again: exponential backoff from {@code initial} to {@code max}, half
 * fixed and half random so many bridges do not hit a recovering receiver in step. A live show wants a
 * small {@code max} (the default, 2 s): the first delivery after a receiver comes back waits at most
 * that long, and a receiver that is down gets about one attempt per second per target.
 * How long to keep trying is the target's {@code max-age}, not this policy.
 */
public record RetryPolicy(Duration initial, Duration max) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The wait before attempt {@code attempts + 1}; a receiver's {@code Retry-After} wins when it gave one. */
    public Duration delayAfter(int attempts, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        long base = initial.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        long capped = Math.min(base, max.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (half > 0 ? RANDOM.nextLong(half + 1) : 0));
    }
}
