package com.zoomoverlay.bridge.zoom;

import java.security.SecureRandom;
import java.time.Duration;

/**
 * Exponential backoff with full jitter: the n-th consecutive failure waits a uniformly random time
 * in {@code [0, min(max, initial * 2^n))}, so many bridges restarting together do not reconnect in step.
 * Not thread-safe: the supervisor uses it from its one context.
 */
final class ReconnectBackoff {

    private final Duration initial;
    private final Duration max;
    private final SecureRandom random;
    private int failures;

    ReconnectBackoff(Duration initial, Duration max, SecureRandom random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The delay before the next attempt; each call counts one more consecutive failure. */
    Duration next() {
        long ceiling = ceilingMillis(failures);
        failures = Math.min(failures + 1, 62);
        return Duration.ofMillis(1 + (long) (random.nextDouble() * ceiling));
    }

    /** After a stable connection the next failure starts from {@code initial} again. */
    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }

    long ceilingMillis(int failureCount) {
        long base = initial.toMillis();
        long cap = max.toMillis();
        int n = Math.min(failureCount, 62);
        // base > cap / 2^n means base * 2^n is past the cap; checking first avoids overflow.
        return base > (cap >> n) ? cap : base << n;
    }
}
