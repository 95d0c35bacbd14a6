package com.zoomoverlay.bridge.config;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one reader of settings, for every module: reads each once at start; a missing key takes its
 * default, a malformed or out-of-range one stops start-up with one line naming the key and the value
 * ({@code configuration error: bridge.x must be at least 1, got 0}). Only for values that are not
 * secrets: the value is in the message.
 */
public final class PropertyReader {

    private final Function<String, Optional<String>> source;

    public PropertyReader(Function<String, Optional<String>> source) {
        this.source = source;
    }

    public Optional<String> text(String key) {
        return source.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String text(String key, String fallback) {
        return text(key).orElse(fallback);
    }

    /** A whole number within {@code [min, max]}. */
    public long number(String key, long fallback, long min, long max) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "must be a whole number, got '" + raw.get() + "'");
        }
        if (value < min || value > max) {
            // a bound of Integer.MAX_VALUE or more is a technical limit: name only the one that was crossed
            String range = max < Integer.MAX_VALUE ? "between " + min + " and " + max
                    : value < min ? "at least " + min : "at most " + max;
            throw new InvalidSettingException(key, "must be " + range + ", got " + value);
        }
        return value;
    }

    /** A whole number of at least {@code min}. */
    public long atLeast(String key, long fallback, long min) {
        return number(key, fallback, min, Long.MAX_VALUE);
    }

    /** A count of at least 1 (clients, connections, bytes, failures). */
    public int count(String key, int fallback) {
        return integer(key, fallback, 1, Integer.MAX_VALUE);
    }

    public int integer(String key, int fallback, int min, int max) {
        return (int) number(key, fallback, min, max);
    }

    /** Milliseconds, at least {@code minMillis}. */
    public Duration millis(String key, long fallbackMillis, long minMillis) {
        return Duration.ofMillis(number(key, fallbackMillis, minMillis, Long.MAX_VALUE / 1_000_000));
    }

    /** A duration written as {@code 500ms}, {@code 30s}, {@code 2m}, {@code 24h} or ISO-8601. */
    public Duration duration(String key, Duration fallback) {
        return text(key).map(raw -> Durations.parse(key, raw)).orElse(fallback);
    }

    public boolean bool(String key, boolean fallback) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new InvalidSettingException(key, "must be true or false");
        };
    }
}
