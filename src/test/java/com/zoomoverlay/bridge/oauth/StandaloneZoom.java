package com.zoomoverlay.bridge.oauth;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.zoomoverlay.bridge.simulator.SimulatorConfig;
import com.zoomoverlay.bridge.simulator.ZoomSimulator;
import com.zoomoverlay.bridge.support.TestBridge;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A simulated Zoom on a port of its own, outliving the bridges a test starts and stops against it,
 * with the production configuration (not --simulate) pointing at it.
 */
public final class StandaloneZoom implements AutoCloseable {

    static final String CLIENT_ID = "prod-like-client";
    static final String CLIENT_SECRET = "prod-like-client-secret-value";
    public static final String KEY_A = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String KEY_B = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

    public final int bridgePort = TestBridge.freePort();
    final Path dataDir = TestBridge.tempDir();
    public final ZoomSimulator simulator;
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    StandaloneZoom(Clock clock) throws Exception {
        this(clock, new int[0]);
    }

    /** Also lets bridges on {@code otherBridgePorts} log in through themselves (replicas). */
    public StandaloneZoom(Clock clock, int... otherBridgePorts) throws Exception {
        Set<String> redirects = new java.util.HashSet<>(Set.of("http://localhost:" + bridgePort + "/oauth/callback"));
        for (int port : otherBridgePorts) {
            redirects.add("http://localhost:" + port + "/oauth/callback");
        }
        simulator = new ZoomSimulator(vertx, SimulatorConfig.defaults(CLIENT_ID, CLIENT_SECRET, redirects), clock);
        server = simulator.listen(0).toCompletionStage().toCompletableFuture().get();
    }

    /** The production variables, pointed at this Zoom; {@code extra} adds or overrides. */
    public Map<String, String> env(String key, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", String.valueOf(bridgePort));
        env.put("DATA_DIR", dataDir.toString());
        env.put("PROD_CLIENT_ID", CLIENT_ID);
        env.put("PROD_CLIENT_SECRET", CLIENT_SECRET);
        env.put("PROD_WEBSOCKET_URL", "ws://127.0.0.1:" + server.actualPort() + "/ws?subscriptionId=standalone");
        env.put("ZOOM_OAUTH_BASE_URL", "http://127.0.0.1:" + server.actualPort());
        env.put("TOKEN_ENCRYPTION_KEY", key);
        env.put("ADMIN_TOKEN", OAuthLoginTest.ADMIN);
        env.put("bridge.oauth.check-interval", "20");
        env.putAll(extra);
        return env;
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }
}
