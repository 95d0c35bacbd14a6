package com.zoomoverlay.bridge.outputs;

import java.time.Duration;
import java.util.Optional;

/** What a graphics product's HTTP API answered: status, the start of its body, and a {@code Retry-After} in seconds. */
public record HttpReply(int status, String body, Optional<Duration> retryAfter) {

    private static final int MAX_BODY_IN_ERRORS = 120;

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** Statuses worth retrying on any HTTP API: timeouts, rate limits and server-side trouble. */
    public boolean transientFailure() {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    /** The first line of the body, shortened, for an error message (products answer errors in plain text). */
    public String firstLine() {
        String line = body == null ? "" : body.strip().lines().findFirst().orElse("");
        return line.length() > MAX_BODY_IN_ERRORS ? line.substring(0, MAX_BODY_IN_ERRORS) + "..." : line;
    }

    /** {@code Retry-After} as delta-seconds; an HTTP date or garbage is ignored (the lane's backoff applies). */
    public static Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
