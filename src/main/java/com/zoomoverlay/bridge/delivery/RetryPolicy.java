package com.zoomoverlay.bridge.delivery;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

import com.zoomoverlay.bridge.retry.Backoff;

/**
 * When to try a failed delivery again: exponential backoff from {@code initial} to {@code max}, half
 * fixed and half random so many bridges do not hit a recovering receiver in step. A live show wants a
 * small {@code max} (the default, 2 s): the first delivery after a receiver comes back waits at most
 * that long, and a receiver that is down gets about one attempt per second per target.
 * How long to keep trying is the target's {@code max-age}, not this policy.
 */
public record RetryPolicy(Duration initial, Duration max) {

    /** Equal jitter: at least half of each wait is fixed, which bounds a down receiver's attempts per second. */
    static final double JITTER = 0.5;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The wait before attempt {@code attempts + 1}; a receiver's {@code Retry-After} wins when it gave one. */
    public Duration delayAfter(int attempts, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        return Backoff.upTo(initial, max, JITTER).delay(attempts - 1, RANDOM);
    }
}
