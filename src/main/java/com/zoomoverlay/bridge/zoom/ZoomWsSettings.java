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
        int backlogLimit,
        Duration stopHandOn) {

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
        PropertyReader read = new PropertyReader(properties);
        Duration initial = millis(read, "backoff-initial-ms", 250);
        Duration max = millis(read, "backoff-max-ms", 1_500);
        if (max.compareTo(initial) < 0) {
            throw new InvalidSettingException(PREFIX + "backoff-max-ms", "must not be below backoff-initial-ms");
        }
        // Seconds on purpose: a ceiling of minutes is a batch job's, not a show's.
        Duration ceiling = Duration.ofSeconds(read.count(PREFIX + "backoff-ceiling-s", 10));
        if (ceiling.compareTo(max) < 0) {
            throw new InvalidSettingException(PREFIX + "backoff-ceiling-s", "must not be below backoff-max-ms");
        }
        if (ceiling.toSeconds() > MAX_CEILING_SECONDS) {
            throw new InvalidSettingException(PREFIX + "backoff-ceiling-s", "must be at most " + MAX_CEILING_SECONDS
                    + " (a longer wait is show lost after Zoom is back)");
        }
        return new ZoomWsSettings(
                read.text(PREFIX + "client-version", "zoom-overlay-bridge/1.0"),
                millis(read, "heartbeat-interval-ms", 20_000),
                millis(read, "heartbeat-timeout-ms", 10_000),
                millis(read, "connect-timeout-ms", 10_000),
                initial,
                max,
                Duration.ofSeconds(read.count(PREFIX + "backoff-long-after-s", 300)),
                ceiling,
                millis(read, "stable-after-ms", 10_000),
                read.integer(PREFIX + "max-frame-bytes", 1024 * 1024, 1024, Integer.MAX_VALUE),
                read.count(PREFIX + "dedupe-window", 2_000),
                // the same key the intake reads: the room it keeps free for the WebSocket
                read.integer(ACCEPT_WINDOW, ACCEPT_WINDOW_DEFAULT, 1, 1_000_000),
                // frames held beyond the window before reading pauses (~1 KB each)
                read.count(PREFIX + "backlog-limit", 20_000),
                // inside Camel's 15 s graceful shutdown; a burst's backlog is through in a few seconds
                millis(read, "stop-hand-on-ms", 8_000));
    }

    /** Milliseconds, 1 to {@link Integer#MAX_VALUE} (what Vert.x timers and timeouts take). */
    private static Duration millis(PropertyReader read, String key, long fallback) {
        return Duration.ofMillis(read.number(PREFIX + key, fallback, 1, Integer.MAX_VALUE));
    }
}
