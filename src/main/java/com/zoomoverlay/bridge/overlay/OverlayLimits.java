package com.zoomoverlay.bridge.overlay;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import com.zoomoverlay.bridge.config.PropertyReader;

/**
 * The overlay feed's bounds ({@code bridge.overlay.*}): how many browsers, what each may cost, and how a
 * dead or hostile one is found and closed (docs/hardening.md).
 *
 * @param maxClients             connected clients at most, all addresses together
 * @param maxClientsPerAddress   connected clients from one address at most
 * @param maxQueuedFrames        frames waiting for one slow client; past it, its oldest are dropped
 * @param pingInterval           the bridge pings each client this often
 * @param pongTimeout            a client that has not answered a ping within this is closed ({@code no_pong})
 * @param stallTimeout           a client whose write queue stays full this long (it does not read) is closed
 * @param maxClientFramesPerSecond frames a client may send in one second (browsers send a pong per ping, nothing
 *                               else); one more closes it ({@code flood})
 * @param allowedOrigins         the {@code Origin}s a browser may connect from; empty = any
 */
public record OverlayLimits(int maxClients, int maxClientsPerAddress, int maxQueuedFrames, Duration pingInterval,
                            Duration pongTimeout, Duration stallTimeout, int maxClientFramesPerSecond,
                            List<String> allowedOrigins) {

    public static final OverlayLimits DEFAULTS = new OverlayLimits(200, 50, 256, Duration.ofSeconds(30),
            Duration.ofSeconds(10), Duration.ofSeconds(30), 20, List.of());

    public static OverlayLimits load(Function<String, Optional<String>> properties) {
        PropertyReader read = new PropertyReader(properties);
        return new OverlayLimits(
                read.count(key("max-clients"), DEFAULTS.maxClients),
                read.count(key("max-clients-per-address"), DEFAULTS.maxClientsPerAddress),
                read.count(key("max-queued-frames"), DEFAULTS.maxQueuedFrames),
                read.duration(key("ping-interval"), DEFAULTS.pingInterval),
                read.duration(key("pong-timeout"), DEFAULTS.pongTimeout),
                read.duration(key("stall-timeout"), DEFAULTS.stallTimeout),
                read.count(key("max-client-frames-per-second"), DEFAULTS.maxClientFramesPerSecond),
                read.text(key("allowed-origins")).map(OverlayLimits::origins).orElse(List.of()));
    }

    /** True when a browser's {@code Origin} may open the feed (no header: not a browser, see docs). */
    boolean originAllowed(String origin) {
        return allowedOrigins.isEmpty() || origin == null
                || allowedOrigins.contains(origin.trim().toLowerCase(Locale.ROOT));
    }

    private static List<String> origins(String raw) {
        return Arrays.stream(raw.split(",")).map(String::trim).filter(o -> !o.isEmpty())
                .map(o -> o.toLowerCase(Locale.ROOT)).map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o)
                .toList();
    }

    private static String key(String name) {
        return "bridge.overlay." + name;
    }
}
