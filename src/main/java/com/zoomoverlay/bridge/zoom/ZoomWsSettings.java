package com.zoomoverlay.bridge.zoom;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import com.zoomoverlay.bridge.config.InvalidSettingException;
import com.zoomoverlay.bridge.config.PropertyReader;

/**
 * Tunables of the Event WebSocket consumer, from {@code bridge.zoom.ws.*} properties. The defaults
 * follow Zoom (heartbeat at least every 30 s) and a live show (reconnect waits of 0.25 s growing to
 * 1.5 s for the first 5 minutes of an outage, then to at most 10 s; see {@link ReconnectPolicy} and
 * docs/zoom-websocket.md for what each costs); tests shrink them so nothing waits for real minutes.
 */
public record ZoomWsSettings(
        String clientVersion,
        Duration heartbeatInterval,
        Duration heartbeatTimeout,
        Duration connectTimeout,
        Duration backoffInitial,
        Duration backoffMax,
        Duration backoffLongAfter,
        Duration backoffCeiling,
        Duration stableAfter,
        int maxFrameBytes,
        int dedupeWindow,
        int acceptWindow,
        int backlogLimit) {

    public static final String PREFIX = "bridge.zoom.ws.";
    /** Events the consumer may have on their way to the intake before it stops reading the socket. */
    public static final String ACCEPT_WINDOW = "bridge.accept.websocket-window";
    public static final int ACCEPT_WINDOW_DEFAULT = 1_000;
    static final int MAX_CEILING_SECONDS = 60;

    public static ZoomWsSettings defaults() {
        return load(key -> Optional.empty());
    }

    /** Reads every {@code bridge.zoom.ws.*} key; a malformed value stops start-up naming the key. */
    public static ZoomWsSettings load(Function<String, Optional<String>> properties) {
        Reader r = new Reader(properties);
        Duration initial = r.millis("backoff-initial-ms", 250);
        Duration max = r.millis("backoff-max-ms", 1_500);
        if (max.compareTo(initial) < 0) {
            throw new InvalidSettingException(PREFIX + "backoff-max-ms", "must not be below backoff-initial-ms");
        }
        // Seconds on purpose: a ceiling of minutes is a batch job's, not a show's.
        Duration ceiling = Duration.ofSeconds(r.number("backoff-ceiling-s", 10, 1));
        if (ceiling.compareTo(max) < 0) {
            throw new InvalidSettingException(PREFIX + "backoff-ceiling-s", "must not be below backoff-max-ms");
        }
        if (ceiling.toSeconds() > MAX_CEILING_SECONDS) {
            throw new InvalidSettingException(PREFIX + "backoff-ceiling-s", "must be at most " + MAX_CEILING_SECONDS
                    + " (a longer wait is show lost after Zoom is back)");
        }
        return new ZoomWsSettings(
                r.text("client-version", "zoom-overlay-bridge/1.0"),
                r.millis("heartbeat-interval-ms", 20_000),
                r.millis("heartbeat-timeout-ms", 10_000),
                r.millis("connect-timeout-ms", 10_000),
                initial,
                max,
                Duration.ofSeconds(r.number("backoff-long-after-s", 300, 1)),
                ceiling,
                r.millis("stable-after-ms", 10_000),
                (int) r.number("max-frame-bytes", 1024 * 1024, 1024),
                (int) r.number("dedupe-window", 10_000, 1),
                // the same key the intake reads: the room it keeps free for the WebSocket
                (int) new PropertyReader(properties).integer(ACCEPT_WINDOW, ACCEPT_WINDOW_DEFAULT, 1, 1_000_000),
                // frames held beyond the window before reading pauses (~1 KB each)
                (int) r.number("backlog-limit", 20_000, 1));
    }

    private record Reader(Function<String, Optional<String>> properties) {

        String text(String key, String fallback) {
            return properties.apply(PREFIX + key).map(String::trim).filter(v -> !v.isEmpty()).orElse(fallback);
        }

        Duration millis(String key, long fallback) {
            return Duration.ofMillis(number(key, fallback, 1));
        }

        long number(String key, long fallback, long min) {
            String raw = text(key, String.valueOf(fallback));
            try {
                long value = Long.parseLong(raw);
                if (value < min || value > Integer.MAX_VALUE) {
                    throw new InvalidSettingException(PREFIX + key, "must be between " + min + " and " + Integer.MAX_VALUE);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(PREFIX + key, "must be a whole number");
            }
        }
    }
}
