package com.zoomoverlay.bridge.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one reading of an HTTP {@code Retry-After} header (RFC 9110 section 10.2.3), for every outbound
 * client: the token endpoint, webhook receivers and the graphics products. It is either delta-seconds
 * (digits only) or an HTTP date in IMF-fixdate form ({@code Sun, 06 Nov 1994 08:49:37 GMT}), read as a wait
 * from {@code now} (a date already past is a wait of zero). Anything else (a negative number, the obsolete
 * date forms, garbage) is ignored, so the caller's own backoff applies.
 */
public final class RetryAfter {

    private static final Pattern DELTA_SECONDS = Pattern.compile("[0-9]+");
    /** More digits than this (over 30 years) is read as garbage rather than risk overflowing an Instant. */
    private static final int MAX_DIGITS = 10;
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private RetryAfter() {
    }

    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (DELTA_SECONDS.matcher(v).matches()) {
            return v.length() > MAX_DIGITS ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Duration wait = Duration.between(now, Instant.from(IMF_FIXDATE.parse(v)));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
