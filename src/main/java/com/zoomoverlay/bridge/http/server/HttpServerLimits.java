package com.zoomoverlay.bridge.http.server;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import com.zoomoverlay.bridge.config.PropertyReader;
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
record HttpServerLimits(Duration requestHeaderTimeout, Duration idleTimeout, int maxConnections,
                               int maxConnectionsPerClient, int maxRequestLineBytes, int maxHeaderBytes) {

    public static final HttpServerLimits DEFAULTS = new HttpServerLimits(Duration.ofSeconds(10),
            Duration.ofSeconds(120), 1_000, 250, 4_096, 8_192);

    public static HttpServerLimits load(Function<String, Optional<String>> properties) {
        PropertyReader read = new PropertyReader(properties);
        return new HttpServerLimits(
                read.duration(key("request-header-timeout"), DEFAULTS.requestHeaderTimeout),
                read.duration(key("idle-timeout"), DEFAULTS.idleTimeout),
                read.count(key("max-connections"), DEFAULTS.maxConnections),
                read.count(key("max-connections-per-client"), DEFAULTS.maxConnectionsPerClient),
                read.count(key("max-request-line-bytes"), DEFAULTS.maxRequestLineBytes),
                read.count(key("max-header-bytes"), DEFAULTS.maxHeaderBytes));
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
}
