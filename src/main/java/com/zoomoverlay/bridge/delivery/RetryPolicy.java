package com.zoomoverlay.bridge.delivery;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to try a failed delivery again: exponential backoff from {@code initial} to {@code max} between
 * attempts, with jitter so a recovering receiver is not hit by every bridge at once, and a window after
 * which the delivery is dead-lettered. Also decides which answers are worth retrying.
 */
public record RetryPolicy(Duration initial, Duration max, Duration window) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** 408, 429 and 5xx may succeed later; 2xx is done; any other answer will not change by retrying. */
    public static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** The delay before attempt {@code attempts + 1}: half fixed, half random, so order of magnitude is kept. */
    public Duration delayAfter(int attempts, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            // The receiver said when: honour it, even past the usual maximum, within the retry window.
            Duration asked = retryAfter.get();
            return asked.compareTo(window) > 0 ? window : asked;
        }
        long base = initial.toMillis() << Math.min(attempts - 1, 20);
        long capped = Math.min(base, max.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (half > 0 ? RANDOM.nextLong(half + 1) : 0));
    }

    /** True when the next attempt would fall outside the window that began with the first attempt. */
    public boolean exhausted(Instant firstAttemptAt, Instant nextAttemptAt) {
        return nextAttemptAt.isAfter(firstAttemptAt.plus(window));
    }
}
