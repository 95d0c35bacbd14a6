package com.zoomoverlay.bridge.delivery.targets;

import java.time.Duration;
import java.util.Optional;

/**
 * What one send achieved, as the target's own protocol defines success: delivered, worth retrying
 * (the target is down, busy, or said when to come back), or rejected for good (the request itself is
 * wrong: retrying cannot help, so it is dead-lettered at once). {@code error} is a short description
 * for logs and the console, never a secret or a payload.
 */
public record SendResult(Outcome outcome, String error, Optional<Duration> retryAfter) {

    public enum Outcome { DELIVERED, RETRY, REJECTED }

    public static SendResult delivered() {
        return new SendResult(Outcome.DELIVERED, null, Optional.empty());
    }

    public static SendResult retry(String error) {
        return new SendResult(Outcome.RETRY, error, Optional.empty());
    }

    public static SendResult retry(String error, Optional<Duration> retryAfter) {
        return new SendResult(Outcome.RETRY, error, retryAfter);
    }

    public static SendResult rejected(String error) {
        return new SendResult(Outcome.REJECTED, error, Optional.empty());
    }

    public boolean isDelivered() {
        return outcome == Outcome.DELIVERED;
    }
}
