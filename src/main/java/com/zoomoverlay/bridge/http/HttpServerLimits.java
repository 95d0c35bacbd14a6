package com.zoomoverlay.bridge.http;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import com.zoomoverlay.bridge.config.Durations;
import com.zoomoverlay.bridge.config.InvalidSettingException;
import io.vertx.core.http.HttpServerOptions;

/**
 * The HTTP port's own limits ({@code bridge.http.*} in {@code application.properties}), so that neither
 * silent nor half-sent connections nor a flood of them can use up the process's file descriptors.
 *
 * @param requestHeaderTimeout a connection must have sent a whole request head this long after it opened or
 *                             after its previous answer, else it is closed (silent, half-sent and idle keep-alive)
 * @param idleTimeout          any connection, WebSockets included, with no byte either way for this long is closed
 * @param maxConnections       open connections at most; one more is closed at once
 * @param maxConnectionsPerClient open connections from one address at most, so one client cannot take them all
 * @param maxRequestLineBytes  the request line's limit (longer: 414)
 * @param maxHeaderBytes       all header lines together (more: 431)
 */
public record HttpServerLimits(Duration requestHeaderTimeout, Duration idleTimeout, int maxConnections,
                               int maxConnectionsPerClient, int maxRequestLineBytes, int maxHeaderBytes) {

    public static final HttpServerLimits DEFAULTS = new HttpServerLimits(Duration.ofSeconds(10),
            Duration.ofSeconds(120), 1_000, 250, 4_096, 8_192);

    public static HttpServerLimits load(Function<String, Optional<String>> properties) {
        return new HttpServerLimits(
                duration(properties, "request-header-timeout", DEFAULTS.requestHeaderTimeout),
                duration(properties, "idle-timeout", DEFAULTS.idleTimeout),
                count(properties, "max-connections", DEFAULTS.maxConnections),
                count(properties, "max-connections-per-client", DEFAULTS.maxConnectionsPerClient),
                count(properties, "max-request-line-bytes", DEFAULTS.maxRequestLineBytes),
                count(properties, "max-header-bytes", DEFAULTS.maxHeaderBytes));
    }

    /** What Vert.x enforces itself; the rest is {@link ServerConnections}. */
    HttpServerOptions applyTo(HttpServerOptions options) {
        return options
                .setIdleTimeout((int) Math.max(1, idleTimeout.toSeconds()))
                .setMaxInitialLineLength(maxRequestLineBytes)
                .setMaxHeaderSize(maxHeaderBytes)
                // No HTTP/2 over plain text (no browser uses it): with it, Vert.x waits for a connection's first
                // bytes before it becomes an HTTP connection, so a silent one would escape the budget and deadline.
                .setHttp2ClearTextEnabled(false)
                // A WebSocket closed by us (a client that does not read) is cut this long after our close frame.
                .setWebSocketClosingTimeout(2);
    }

    private static String key(String name) {
        return "bridge.http." + name;
    }

    private static Optional<String> value(Function<String, Optional<String>> properties, String name) {
        return properties.apply(key(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static Duration duration(Function<String, Optional<String>> properties, String name, Duration fallback) {
        return value(properties, name).map(v -> Durations.parse(key(name), v)).orElse(fallback);
    }

    private static int count(Function<String, Optional<String>> properties, String name, int fallback) {
        Optional<String> raw = value(properties, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw.get());
            if (n < 1) {
                throw new InvalidSettingException(key(name), "must be at least 1, got " + raw.get());
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key(name), "must be a whole number, got '" + raw.get() + "'");
        }
    }
}
