package com.zoomoverlay.bridge.zoom;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import com.zoomoverlay.bridge.config.InvalidSettingException;
import com.zoomoverlay.bridge.config.PropertyReader;

/**
 * Tunables of the Event WebSocket consumer, from {@code bridge.zoom.ws.*} properties. The defaults
 * follow Zoom (heartbeat at least every 30 s) and the issue (1 s to 60 s backoff, 1 MiB frames);
 * tests shrink them so nothing waits for real minutes.
 */
public record ZoomWsSettings(
        String clientVersion,
        Duration heartbeatInterval,
        Duration heartbeatTimeout,
        Duration connectTimeout,
        Duration backoffInitial,
        Duration backoffMax,
        Duration stableAfter,
        int maxFrameBytes,
        int dedupeWindow,
        int acceptWindow,
        int backlogLimit) {

    public static final String PREFIX = "bridge.zoom.ws.";
    /** Events the consumer may have on their way to the intake before it stops reading the socket. */
    public static final String ACCEPT_WINDOW = "bridge.accept.websocket-window";
    public static final int ACCEPT_WINDOW_DEFAULT = 1_000;

    public static ZoomWsSettings defaults() {
        return load(key -> Optional.empty());
    }

    /** Reads every {@code bridge.zoom.ws.*} key; a malformed value stops start-up naming the key. */
    public static ZoomWsSettings load(Function<String, Optional<String>> properties) {
        Reader r = new Reader(properties);
        return new ZoomWsSettings(
                r.text("client-version", "zoom-overlay-bridge/1.0"),
                r.millis("heartbeat-interval-ms", 20_000),
                r.millis("heartbeat-timeout-ms", 10_000),
                r.millis("connect-timeout-ms", 10_000),
                r.millis("backoff-initial-ms", 1_000),
                r.millis("backoff-max-ms", 60_000),
                r.millis("stable-after-ms", 60_000),
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
