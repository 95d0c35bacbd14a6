package com.zoomoverlay.bridge.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import com.zoomoverlay.bridge.config.InvalidSettingException;

/**
 * Tuning of delivery, from {@code bridge.delivery.*} properties; the defaults suit a live show
 * (first retry after about a second, at most 5 minutes apart, for a day).
 */
public record DeliverySettings(
        RetryPolicy retry,
        Duration pollInterval,
        Duration connectTimeout,
        Duration responseTimeout,
        Duration retention,
        long outboxLimit,
        Duration recoveryInterval) {

    public static DeliverySettings load(Function<String, Optional<String>> properties) {
        return new DeliverySettings(
                new RetryPolicy(millis(properties, "retry-initial-ms", 1_000),
                        millis(properties, "retry-max-ms", 300_000),
                        millis(properties, "retry-window-ms", 86_400_000)),
                millis(properties, "poll-interval-ms", 100),
                millis(properties, "connect-timeout-ms", 5_000),
                millis(properties, "response-timeout-ms", 10_000),
                millis(properties, "retention-ms", 7L * 86_400_000),
                number(properties, "outbox-limit", 100_000),
                millis(properties, "recovery-interval-ms", 30_000));
    }

    private static Duration millis(Function<String, Optional<String>> properties, String name, long fallback) {
        return Duration.ofMillis(number(properties, name, fallback));
    }

    private static long number(Function<String, Optional<String>> properties, String name, long fallback) {
        String key = "bridge.delivery." + name;
        Optional<String> raw = properties.apply(key).map(String::trim).filter(s -> !s.isEmpty());
        try {
            long value = raw.map(Long::parseLong).orElse(fallback);
            if (value <= 0) {
                throw new InvalidSettingException(key, "must be positive");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "must be a whole number");
        }
    }
}
