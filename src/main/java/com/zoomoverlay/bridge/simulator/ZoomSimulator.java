package com.zoomoverlay.bridge.simulator;

import java.time.Clock;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * A faithful in-process fake of the Zoom this bridge talks to: OAuth authorize and token endpoints,
 * the Event WebSocket with its scripted meeting and fault injection, and webhooks (Event Subscriptions)
 * carrying the same meeting, signed, with their own faults. Serve {@link #router()}
 * under a path of the bridge's own port ({@code --simulate}) or on a port of its own ({@link #listen}).
 */
public final class ZoomSimulator {

    private final Vertx vertx;
    private final SimulatorConfig config;
    private final SimulatedTokens tokens;
    private final Router router;
    private final SimulatedOAuthServer oauth;
    private final SimulatedEventSocket events;
    private final SimulatedWebhooks webhooks;

    public ZoomSimulator(Vertx vertx, SimulatorConfig config, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.tokens = new SimulatedTokens(clock);
        this.router = Router.router(vertx);
        this.oauth = new SimulatedOAuthServer(this);
        oauth.addRoutes(router);
        this.webhooks = new SimulatedWebhooks(vertx, clock);
        this.events = new SimulatedEventSocket(this);
        events.addRoutes(router);
        new SimulatedWebhookControl(this).addRoutes(router);
    }

    /** Every simulator endpoint, with Zoom's paths: {@code /oauth/authorize}, {@code /oauth/token}, {@code /ws}. */
    public Router router() {
        return router;
    }

    public SimulatorConfig config() {
        return config;
    }

    /** The OAuth side: its grants, and its fault injection and counters for tests and rehearsals. */
    public SimulatedOAuthServer oauth() {
        return oauth;
    }

    /** The Event WebSocket side: its fault injection and counters for tests and rehearsals. */
    public SimulatedEventSocket events() {
        return events;
    }

    /** Zoom's webhooks (Event Subscriptions): where they go, their faults and counters. */
    public SimulatedWebhooks webhooks() {
        return webhooks;
    }

    /**
     * Points the webhooks at the bridge; {@code scripted} sends the scripted meeting that way too, which
     * keeps it playing while no WebSocket client is connected.
     */
    public void sendWebhooksTo(java.net.URI target, String secretToken, boolean scripted) {
        webhooks.deliverTo(target, secretToken, scripted);
        storyPaths();
    }

    /** Starts or stops the scripted meeting after its paths changed. */
    void storyPaths() {
        if (webhooks.scripted()) {
            events.startStory();
        } else {
            events.stopStoryWhenIdle();
        }
    }

    public SimulatedTokens tokens() {
        return tokens;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Serves the simulator on a port of its own (0 picks a free one), as a separate Zoom host would be. */
    public Future<HttpServer> listen(int port) {
        return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
    }
}
