package com.zoomoverlay.bridge.outputs.common;

import java.time.Duration;
import java.util.Optional;

/** What a graphics product's HTTP API answered: status, the start of its body, and its {@code Retry-After} as a wait. */
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
}
