package com.zoomoverlay.bridge.overlay;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.zoomoverlay.bridge.accept.IncomingEvent;

import com.zoomoverlay.bridge.config.Secret;
import com.zoomoverlay.bridge.http.HttpReplies;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WS /overlay/events}: every routed event goes to every connected browser as one JSON text frame.
 * Holds its own client set on the platform router (camel-vertx-websocket's producer finds no peers there).
 */
public final class OverlayFeed {

    public static final String PATH = "/overlay/events";
    private static final Logger LOG = LoggerFactory.getLogger(OverlayFeed.class);

    private final Optional<Secret> token;
    private final int maxClients;
    private final int maxQueuedPerClient;
    private final OverlayMetrics metrics;
    private final Map<ServerWebSocket, OverlayClient> clients = new ConcurrentHashMap<>();
    /**
     * The seam between a new client's first frame and the live frames: both are taken under this lock,
     * so a client sees each event exactly once, in its first frame (the state) or as a live frame.
     */
    private final Object seam = new Object();
    private volatile Consumer<IncomingEvent> stateKeeper = event -> { };
    private volatile Supplier<String> firstFrame = () -> null;

    public OverlayFeed(Optional<Secret> token, int maxClients, int maxQueuedPerClient, MeterRegistry registry) {
        this.token = token;
        this.maxClients = maxClients;
        this.maxQueuedPerClient = maxQueuedPerClient;
        this.metrics = new OverlayMetrics(registry, clients::size);
    }

    /** Vert.x handler for the upgrade request: checks the token and the client limit first. */
    public void handle(RoutingContext ctx) {
        if (token.isPresent() && !token.get().matches(ctx.request().getParam("token"))) {
            reject(ctx, 401, "unauthorized", "The overlay feed needs ?token= (OVERLAY_TOKEN).");
            return;
        }
        if (clients.size() >= maxClients) {
            reject(ctx, 503, "too_many_clients", "The overlay feed has its maximum of " + maxClients + " clients.");
            return;
        }
        ctx.request().toWebSocket().onSuccess(this::register)
                .onFailure(e -> LOG.debug("overlay feed upgrade failed error={}", e.getClass().getSimpleName()));
    }

    private void register(ServerWebSocket socket) {
        OverlayClient client = new OverlayClient(socket, maxQueuedPerClient, metrics);
        synchronized (seam) {
            String first = firstFrame.get();
            if (first != null) {
                client.offer(first);
            }
            clients.put(socket, client);
        }
        // Browsers only listen; anything they send is ignored, so a chatty page costs nothing.
        socket.handler(ignored -> { });
        socket.closeHandler(v -> clients.remove(socket));
        socket.exceptionHandler(e -> clients.remove(socket));
        LOG.info("overlay client connected clients={}", clients.size());
    }

    /**
     * Keeps a state in step with the feed (the show state): {@code keeper} hears each committed event
     * just before its frames go out, and {@code first} makes every new client's first frame from it.
     */
    public void keepInStep(Consumer<IncomingEvent> keeper, Supplier<String> first) {
        this.stateKeeper = keeper;
        this.firstFrame = first;
    }

    /** A committed event: the kept state hears it and its frames go out, as one step for new clients. */
    public void publish(IncomingEvent event, List<String> frames) {
        publish(() -> stateKeeper.accept(event), frames);
    }

    /** Runs {@code change} (a change of the kept state) and sends {@code frames}, as one step. */
    public void publish(Runnable change, List<String> frames) {
        synchronized (seam) {
            change.run();
            for (String frame : frames) {
                for (OverlayClient client : clients.values()) {
                    client.offer(frame);
                }
            }
        }
    }

    /** Sends the frame to every client without waiting for any of them. */
    public void broadcast(String json) {
        publish(() -> { }, List.of(json));
    }

    public int clientCount() {
        return clients.size();
    }

    private static void reject(RoutingContext ctx, int status, String error, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(HttpReplies.JSON.valueToTree(HttpReplies.errorBody(error, message)).toString());
    }
}
