package com.zoomoverlay.bridge.overlay;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.zoomoverlay.bridge.accept.IncomingEvent;
import com.zoomoverlay.bridge.config.Secret;
import com.zoomoverlay.bridge.http.reply.HttpReplies;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.log.LogBudget;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WS /overlay/events}: every routed event goes to every connected browser as one JSON text frame.
 * Holds its own client set on the platform router (camel-vertx-websocket's producer finds no peers there),
 * bounded per client ({@link OverlayClient}) and in number ({@link OverlayClients}); a sweep once a second on
 * the bridge clock pings the clients and closes the dead and the stalled.
 */
public final class OverlayFeed {

    public static final String PATH = "/overlay/events";
    private static final Logger LOG = LoggerFactory.getLogger(OverlayFeed.class);
    /** How long a client closed with a close frame has to answer it before its connection is cut. */
    private static final long CLOSING_GRACE_MS = 2_000;

    private final Optional<Secret> token;
    private final OverlayLimits limits;
    private final Clock clock;
    private final OverlayMetrics metrics;
    private final OverlayClients clients;
    /** Connect and close lines: a flood of sockets must not flood the log. */
    private final LogBudget logBudget;
    /**
     * The seam between a new client's first frame and the live frames: both are taken under this lock,
     * so a client sees each event exactly once, in its first frame (the state) or as a live frame.
     */
    private final Object seam = new Object();
    private volatile Consumer<IncomingEvent> stateKeeper = event -> { };
    private volatile Supplier<String> firstFrame = () -> null;
    private volatile Vertx vertx;

    public OverlayFeed(Optional<Secret> token, OverlayLimits limits, Clock clock, MeterRegistry registry) {
        this.token = token;
        this.limits = limits;
        this.clock = clock;
        this.clients = new OverlayClients(limits);
        this.metrics = new OverlayMetrics(registry, clients::size);
        this.logBudget = new LogBudget(20, Duration.ofMinutes(1), clock);
    }

    /** Starts the sweep: pings, pong deadlines and stalled clients, once a second (deadlines on the bridge clock). */
    public void watch(Vertx vertx) {
        this.vertx = vertx;
        vertx.setPeriodic(1_000, id -> clients.all().forEach(OverlayClient::check));
    }

    /** Vert.x handler for the upgrade request: token, origin and a slot first. */
    public void handle(RoutingContext ctx) {
        if (token.isPresent() && !token.get().matches(ctx.request().getParam("token"))) {
            refuse(ctx, 401, "unauthorized", "The overlay feed needs ?token= (OVERLAY_TOKEN).");
            return;
        }
        if (!limits.originAllowed(ctx.request().getHeader("Origin"))) {
            refuse(ctx, 403, "origin_not_allowed", "This page's origin may not open the overlay feed (bridge.overlay.allowed-origins).");
            return;
        }
        String address = address(ctx.request().remoteAddress());
        Optional<OverlayClients.Refusal> refusal = clients.reserve(address, victim -> victim.close("evicted"));
        if (refusal.isPresent()) {
            String message = refusal.get() == OverlayClients.Refusal.TOO_MANY_CLIENTS
                    ? "The overlay feed has its maximum of " + limits.maxClients() + " clients."
                    : "This address has the overlay feed's maximum of " + limits.maxClientsPerAddress() + " clients.";
            refuse(ctx, 503, refusal.get().tag, message);
            return;
        }
        HttpConnection connection = ctx.request().connection();
        ctx.request().toWebSocket().onSuccess(socket -> register(socket, connection, address))
                .onFailure(e -> {
                    clients.cancel(address);
                    LOG.debug("overlay feed upgrade failed error={}", e.getClass().getSimpleName());
                });
    }

    private void register(ServerWebSocket socket, HttpConnection connection, String address) {
        OverlayClient client = new OverlayClient(socket, connection, clients.nextOrder(), address, limits, clock,
                metrics);
        synchronized (seam) {
            String first = firstFrame.get();
            if (first != null) {
                client.offer(first);
            }
            clients.add(client);
        }
        socket.closeHandler(v -> clients.release(client));
        socket.exceptionHandler(e -> clients.release(client));
        client.start(this::closedByBridge);
        metrics.connected();
        log("overlay client connected address={} clients={}", address, clients.size());
    }

    private void closedByBridge(OverlayClient client, String reason) {
        clients.release(client);
        if (vertx != null) {
            vertx.setTimer(CLOSING_GRACE_MS, id -> client.cut());
        }
        metrics.closed(reason);
        log("overlay client closed reason={} address={} clients={}", reason, client.address(), clients.size());
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
                for (OverlayClient client : clients.all()) {
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

    /** Clients with a ping out and no pong yet (tests wait on it before moving the clock). */
    int clientsAwaitingPong() {
        return (int) clients.all().stream().filter(OverlayClient::awaitingPong).count();
    }

    /** Clients whose write queue is full (tests wait on it before moving the clock). */
    int stalledClients() {
        return (int) clients.all().stream().filter(OverlayClient::stalled).count();
    }

    /** As {@link #stalledClients()}, of those from {@code address}. */
    int stalledClients(String address) {
        return (int) clients.all().stream().filter(c -> c.address().equals(address) && c.stalled()).count();
    }

    private void log(String format, Object... args) {
        OptionalLong suppressed = logBudget.take();
        if (suppressed.isPresent()) {
            Object[] withCount = java.util.Arrays.copyOf(args, args.length + 1);
            withCount[args.length] = suppressed.getAsLong();
            LOG.info(format + " linesSuppressed={}", withCount);
        }
    }

    private void refuse(RoutingContext ctx, int status, String error, String message) {
        metrics.refused(error);
        ctx.response().setStatusCode(status).putHeader("Content-Type", Json.CONTENT_TYPE)
                .end(HttpReplies.errorJson(error, message));
    }

    private static String address(SocketAddress remote) {
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }
}
