package com.zoomoverlay.bridge.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 24h}, {@code 7d}, or ISO-8601 ({@code PT2M}). */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /** Parses {@code raw}; a malformed or non-positive value throws naming {@code key}. */
    public static Duration parse(String key, String raw) {
        String value = raw.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(value);
        Duration parsed;
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                parsed = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                parsed = Duration.parse(raw.trim().toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new InvalidSettingException(key, "must be a duration such as 500ms, 30s, 2m or 24h");
        }
        if (parsed.isNegative() || parsed.isZero()) {
            throw new InvalidSettingException(key, "must be a positive duration");
        }
        return parsed;
    }
}
