package com.zoomoverlay.bridge.zoom;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Opens Event WebSocket connections the way Zoom expects them: token as {@code access_token} query
 * parameter and as {@code Authorization: Bearer} (guides differ, so both), plus {@code Client-Version}.
 * The URL with its token only ever goes to Vert.x, never to a log or status.
 */
final class ZoomWsConnector {

    private final URI url;
    private final ZoomWsSettings settings;
    private final WebSocketClient client;

    ZoomWsConnector(Vertx vertx, URI url, ZoomWsSettings settings) {
        this.url = url;
        this.settings = settings;
        // Room above the decode limit, so an oversized frame is counted and dropped rather than killing the socket.
        int stackLimit = stackLimit(settings);
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(stackLimit)
                .setMaxMessageSize(stackLimit)
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                // A dead peer never answers our close frame: give up on it after the heartbeat timeout.
                .setClosingTimeout((int) Math.max(1, settings.heartbeatTimeout().toSeconds())));
    }

    /** The WebSocket stack's own frame and message limit: beyond it a frame never reaches the decoder. */
    static int stackLimit(ZoomWsSettings settings) {
        return (int) Math.min(Integer.MAX_VALUE - 1L, 4L * settings.maxFrameBytes());
    }

    Future<WebSocket> connect(String accessToken) {
        return client.connect(new WebSocketConnectOptions()
                .setAbsoluteURI(withToken(url, accessToken))
                .addHeader("Authorization", "Bearer " + accessToken)
                .addHeader("Client-Version", settings.clientVersion())
                // Connect timeout only: setTimeout would also arm an idle timer that closes a healthy socket.
                .setConnectTimeout(settings.connectTimeout().toMillis()));
    }

    Future<Void> close() {
        return client.close();
    }

    /** Safe to log: host only. */
    String host() {
        return url.getHost();
    }

    static String withToken(URI url, String accessToken) {
        String raw = url.toString();
        return raw + (raw.contains("?") ? "&" : "?") + "access_token="
                + URLEncoder.encode(accessToken, StandardCharsets.UTF_8);
    }
}
