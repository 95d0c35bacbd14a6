package com.zoomoverlay.bridge.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Zoom's Event WebSocket at {@code GET /ws?subscriptionId=...}: token check (4700 when bad),
 * {@code build_connection} reply, heartbeat answers, one connection per subscription, double-encoded
 * events and the scripted meeting while a client is connected. Fault injection and counters are
 * public for tests; {@link SimulatedEventControl} offers the same over HTTP for rehearsals.
 */
public final class SimulatedEventSocket {

    /** Zoom's close code for a missing, unknown or expired access token. */
    public static final short TOKEN_INVALID = 4700;
    /**
     * Zoom documents that a new connection closes the old one but not with which code, so the
     * simulator uses an application code and says so in the reason, which is what clients should read.
     */
    public static final short REPLACED = 4001;
    public static final String REPLACED_REASON = "replaced by another connection for this subscription";
    public static final String ACCOUNT_ID = "simulated-account";

    /** Frames a broken or hostile server might send. */
    public enum Malformed { NOT_JSON, UNKNOWN_MODULE, CONTENT_NOT_JSON }

    private final Vertx vertx;
    private final SimulatorConfig config;
    private final SimulatedTokens tokens;
    private final SimulatedMeetingStory story;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicLong totalConnects = new AtomicLong();
    private final AtomicLong refusedConnects = new AtomicLong();
    private final AtomicLong rejectedTokens = new AtomicLong();
    private final AtomicLong replaced = new AtomicLong();
    private final AtomicLong heartbeatsReceived = new AtomicLong();
    private final AtomicLong heartbeatsAnswered = new AtomicLong();
    private final AtomicLong eventsSent = new AtomicLong();
    private final AtomicLong refuseGeneration = new AtomicLong();
    private final AtomicInteger flapsLeft = new AtomicInteger();
    private final AtomicLong flapped = new AtomicLong();
    // Per subscription, so one simulator can measure several clients at once (the reconnect benchmark).
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    private volatile long acceptingSinceNanos = System.nanoTime();
    private volatile long lastBuiltNanos;
    private volatile boolean refusing;
    private volatile boolean silent;
    private volatile boolean storyPaused;
    private volatile boolean rejectTokens;
    private volatile String lastAccessToken;
    private volatile String lastClientVersion;
    private volatile String lastEvent;
    private volatile boolean storyOverWebsocket = true;
    private final SimulatedWebhooks webhooks;
    /** Every connection goes through it, so that {@link #dropAll} can cut one with no close frame. */
    private final UpgradeRelay relay;
    private long storyTimer = -1;

    SimulatedEventSocket(ZoomSimulator simulator) {
        this.vertx = simulator.vertx();
        this.config = simulator.config();
        this.tokens = simulator.tokens();
        this.story = new SimulatedMeetingStory(tokens.clock(), ACCOUNT_ID);
        this.webhooks = simulator.webhooks();
        this.relay = new UpgradeRelay(vertx, this::upgrade);
    }

    void addRoutes(Router router) {
        router.get("/ws").handler(this::relay);
        new SimulatedEventControl(this).addRoutes(router);
    }

    /** The public side: refusals and bad requests answered here, an upgrade relayed to {@link #upgrade}. */
    private void relay(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String subscription = request.getParam("subscriptionId");
        if (refusing) {
            refusedConnects.incrementAndGet();
            if (subscription != null) {
                tally(subscription).refused(System.nanoTime());
            }
            request.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", "unavailable").put("message", "simulated outage").encode());
            return;
        }
        if (subscription == null || subscription.isBlank()) {
            request.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", "bad_request").put("message", "subscriptionId is required").encode());
            return;
        }
        relay.relay(request);
    }

    /** The upgrade on the relay's inner server (same URI and headers as the client sent). */
    private void upgrade(HttpServerRequest request) {
        String subscription = request.getParam("subscriptionId");
        String token = tokenOf(request);
        lastAccessToken = token;
        lastClientVersion = request.getHeader("Client-Version");
        Optional<UpgradeRelay.Hop> hop = relay.hopOf(request);
        request.toWebSocket().onSuccess(ws -> accepted(ws, hop, subscription, token));
    }

    private static String tokenOf(HttpServerRequest request) {
        String query = request.getParam("access_token");
        if (query != null && !query.isBlank()) {
            return query;
        }
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    }

    private void accepted(ServerWebSocket ws, Optional<UpgradeRelay.Hop> hop, String subscription, String token) {
        if (rejectTokens || tokens.validAccessToken(token).isEmpty()) {
            rejectedTokens.incrementAndGet();
            ws.close(TOKEN_INVALID, "Invalid access token");
            return;
        }
        Connection connection = new Connection(ws, hop, subscription);
        peak.accumulateAndGet(open.incrementAndGet(), Math::max);
        totalConnects.incrementAndGet();
        ws.closeHandler(v -> closed(connection));
        ws.textMessageHandler(text -> received(connection, text));
        Future<Void> built = ws.writeTextMessage(new JsonObject().put("module", "build_connection").put("success", true).encode());
        lastBuiltNanos = System.nanoTime();
        tally(subscription).built(lastBuiltNanos, acceptingSinceNanos);
        connection.armHeartbeatTimeout();
        if (flapsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // Flapping: built, then gone at once, the nastiest moment for a client's bookkeeping.
            flapped.incrementAndGet();
            built.onComplete(v -> drop(connection));
            return;
        }
        Connection previous = connections.put(subscription, connection);
        if (previous != null) {
            replaced.incrementAndGet();
            previous.ws.close(REPLACED, REPLACED_REASON);
        }
        startStory();
    }

    private void received(Connection connection, String text) {
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (RuntimeException e) {
            return;
        }
        if ("heartbeat".equals(frame.getString("module"))) {
            heartbeatsReceived.incrementAndGet();
            connection.armHeartbeatTimeout();
            if (!silent) {
                heartbeatsAnswered.incrementAndGet();
                connection.ws.writeTextMessage(new JsonObject().put("module", "heartbeat").put("success", true).encode());
            }
        }
    }

    private void closed(Connection connection) {
        open.decrementAndGet();
        vertx.cancelTimer(connection.heartbeatTimer);
        connections.remove(connection.subscription, connection);
        stopStoryWhenIdle();
    }

    synchronized void startStory() {
        if (config.scriptedStory() && storyTimer < 0) {
            storyTimer = vertx.setPeriodic(config.eventInterval().toMillis(), id -> {
                if (!storyPaused) {
                    playStory(story.next());
                }
            });
        }
    }

    // Zoom does not replay: nothing is produced, or queued, while no client is connected (and no
    // webhook subscription is there to take the events).
    synchronized void stopStoryWhenIdle() {
        if (connections.isEmpty() && !webhooks.scripted() && storyTimer >= 0) {
            vertx.cancelTimer(storyTimer);
            storyTimer = -1;
        }
    }

    /** Whether the story's timer runs (tests: it stops with the last client, so nothing is produced unheard). */
    synchronized boolean storyPlaying() {
        return storyTimer >= 0;
    }

    /** One event of the story, by every path that is on: the Event WebSocket and, when subscribed, webhooks. */
    private void playStory(String event) {
        if (storyOverWebsocket) {
            sendEvent(event);
        }
        if (webhooks.scripted()) {
            webhooks.send(event);
        }
    }

    /**
     * Whether the story goes over the Event WebSocket: off, the socket stays up (heartbeats answered)
     * but carries no events, as when Zoom's WebSocket delivery lags or drops while webhooks keep coming.
     */
    public void storyOverWebsocket(boolean on) {
        this.storyOverWebsocket = on;
    }

    public boolean storyOverWebsocket() {
        return storyOverWebsocket;
    }

    // ---- sending -------------------------------------------------------------------------------

    /** Sends one event (its JSON text) to every connected client, double-encoded as Zoom does. */
    public void sendEvent(String eventJson) {
        lastEvent = eventJson;
        eventsSent.incrementAndGet();
        sendFrame(new JsonObject().put("module", "message").put("content", eventJson).encode());
    }

    /** Sends the next {@code count} events of the scripted meeting at once, by every path the story uses. */
    public List<String> burst(int count) {
        List<String> sent = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String event = story.next();
            playStory(event);
            sent.add(event);
        }
        return sent;
    }

    /** Sends the last event again, as Zoom occasionally does. */
    public void sendDuplicate() {
        String event = lastEvent;
        if (event != null) {
            sendEvent(event);
        }
    }

    public void sendMalformed(Malformed kind) {
        sendFrame(switch (kind) {
            case NOT_JSON -> "this is not JSON {";
            case UNKNOWN_MODULE -> new JsonObject().put("module", "holiday_greeting").put("content", "{}").encode();
            case CONTENT_NOT_JSON -> new JsonObject().put("module", "message").put("content", "not an event").encode();
        });
    }

    /** A well-formed event frame of at least {@code bytes} bytes (its chat message is padded). */
    public void sendOversized(int bytes) {
        JsonObject event = new JsonObject(story.next());
        event.getJsonObject("payload").getJsonObject("object").put("padding", "x".repeat(Math.max(0, bytes)));
        sendEvent(event.encode());
    }

    /** Sends any text frame as is. */
    public void sendFrame(String text) {
        connections.values().forEach(c -> c.onLoop(() -> c.ws.writeTextMessage(text)));
    }

    // ---- faults --------------------------------------------------------------------------------

    /** Closes every connection with a WebSocket close frame carrying {@code code}. */
    public void closeAll(int code, String reason) {
        connections.values().forEach(c -> c.onLoop(() -> c.ws.close((short) code, reason)));
    }

    /** Drops the TCP connection under every WebSocket, without a close frame (a cable pulled, a NAT timeout). */
    public void dropAll() {
        connections.values().forEach(c -> c.onLoop(() -> drop(c)));
    }

    private static void drop(Connection c) {
        // Vert.x closes a WebSocket it serves only with the close handshake: the relay cuts the TCP hop instead.
        // A connection that did not come through the relay (none does) can only be closed the usual way.
        c.hop.ifPresentOrElse(UpgradeRelay.Hop::drop, () -> c.ws.close());
    }

    /** Refuses new connections (HTTP 503 on the upgrade) for {@code duration}, as during an outage. */
    public void refuseFor(Duration duration) {
        long generation = refuseGeneration.incrementAndGet();
        refusing = true;
        vertx.setTimer(Math.max(1, duration.toMillis()), id -> {
            if (refuseGeneration.get() == generation) {
                endRefusal();
            }
        });
    }

    /** Refuses new connections until {@link #acceptConnections}. */
    public void refuse() {
        refuseGeneration.incrementAndGet();
        refusing = true;
    }

    /** An outage: every connection dropped (no close frame), new ones refused for {@code duration}. */
    public void outage(Duration duration) {
        refuseFor(duration);
        dropAll();
    }

    /** Ends a refusal early. */
    public void acceptConnections() {
        refuseGeneration.incrementAndGet();
        endRefusal();
    }

    private void endRefusal() {
        if (refusing) {
            acceptingSinceNanos = System.nanoTime();
        }
        refusing = false;
    }

    /** The next {@code count} connections are dropped (no close frame) right after their {@code build_connection}. */
    public void flapNext(int count) {
        flapsLeft.set(Math.max(0, count));
    }

    /** Rejects every token with 4700, even valid ones (Zoom-side trouble no refresh can fix). */
    public void rejectTokens(boolean reject) {
        this.rejectTokens = reject;
    }

    /** Holds the scripted meeting where it is (a rehearsal or a test looks at a meeting in progress). */
    public void pauseStory(boolean paused) {
        this.storyPaused = paused;
    }

    /** A silent server keeps the socket open but stops answering heartbeats. */
    public void silent(boolean silent) {
        this.silent = silent;
    }

    // ---- observable state ----------------------------------------------------------------------

    /** Authorized connections open right now, counted until the server sees them closed. */
    public int connectionCount() {
        return open.get();
    }

    /** The most connections ever open at one moment since start (or {@link #resetPeak}). */
    public int peakConnections() {
        return peak.get();
    }

    public void resetPeak() {
        peak.set(open.get());
    }

    public long totalConnects() {
        return totalConnects.get();
    }

    public long refusedConnects() {
        return refusedConnects.get();
    }

    public boolean refusing() {
        return refusing;
    }

    /** Connections dropped by {@link #flapNext} so far. */
    public long flappedConnections() {
        return flapped.get();
    }

    /**
     * Nanos ({@link System#nanoTime}) from the end of the last refusal to the last {@code build_connection}
     * sent after it: how long the show was lost after Zoom was back. Empty while refusing or before a
     * client came back.
     */
    public Optional<Duration> lastReturnGap() {
        long since = acceptingSinceNanos;
        long built = lastBuiltNanos;
        return refusing || built < since ? Optional.empty() : Optional.of(Duration.ofNanos(built - since));
    }

    /**
     * {@link #lastReturnGap()} for one subscription: from the end of the last refusal to the first
     * {@code build_connection} this subscription got after it. Empty while refusing or until it is back.
     */
    public Optional<Duration> lastReturnGap(String subscriptionId) {
        long since = acceptingSinceNanos;
        Tally tally = tallies.get(subscriptionId);
        long built = tally == null ? Long.MIN_VALUE : tally.firstBuiltSince(since);
        return refusing || built == Long.MIN_VALUE ? Optional.empty() : Optional.of(Duration.ofNanos(built - since));
    }

    /** Upgrades refused (503) for this subscription so far. */
    public long refusedConnects(String subscriptionId) {
        Tally tally = tallies.get(subscriptionId);
        return tally == null ? 0 : tally.refused();
    }

    /** The shortest time between two refused upgrades of this subscription so far: how hard a client hammers. */
    public Optional<Duration> closestRefusals(String subscriptionId) {
        Tally tally = tallies.get(subscriptionId);
        long closest = tally == null ? Long.MAX_VALUE : tally.closestRefusals();
        return closest == Long.MAX_VALUE ? Optional.empty() : Optional.of(Duration.ofNanos(closest));
    }

    /** Whether this subscription has an open, built connection right now. */
    public boolean connected(String subscriptionId) {
        return connections.containsKey(subscriptionId);
    }

    private Tally tally(String subscriptionId) {
        return tallies.computeIfAbsent(subscriptionId, id -> new Tally());
    }

    public long rejectedTokens() {
        return rejectedTokens.get();
    }

    public long replacedConnections() {
        return replaced.get();
    }

    public long heartbeatsReceived() {
        return heartbeatsReceived.get();
    }

    public long heartbeatsAnswered() {
        return heartbeatsAnswered.get();
    }

    public long eventsSent() {
        return eventsSent.get();
    }

    public Optional<String> lastAccessToken() {
        return Optional.ofNullable(lastAccessToken);
    }

    public Optional<String> lastClientVersion() {
        return Optional.ofNullable(lastClientVersion);
    }

    /** What one subscription went through: its refusals, and its first build since the last refusal ended. */
    private static final class Tally {
        long refused;
        long lastRefusedNanos = Long.MIN_VALUE;
        long closestRefusals = Long.MAX_VALUE;
        long firstBuiltNanos = Long.MIN_VALUE;

        synchronized void refused(long now) {
            if (lastRefusedNanos != Long.MIN_VALUE) {
                closestRefusals = Math.min(closestRefusals, now - lastRefusedNanos);
            }
            lastRefusedNanos = now;
            refused++;
        }

        synchronized long refused() {
            return refused;
        }

        synchronized long closestRefusals() {
            return closestRefusals;
        }

        /** Keeps the first build of the current accepting period (since the last refusal ended). */
        synchronized void built(long now, long acceptingSince) {
            if (firstBuiltNanos == Long.MIN_VALUE || firstBuiltNanos < acceptingSince) {
                firstBuiltNanos = now;
            }
        }

        /** The first build at or after {@code since}, or {@code Long.MIN_VALUE}. */
        synchronized long firstBuiltSince(long since) {
            return firstBuiltNanos != Long.MIN_VALUE && firstBuiltNanos >= since ? firstBuiltNanos : Long.MIN_VALUE;
        }
    }

    /** One accepted client, and the timer that drops it when it stops heartbeating. */
    private final class Connection {
        final ServerWebSocket ws;
        final Optional<UpgradeRelay.Hop> hop;
        final String subscription;
        volatile long heartbeatTimer = -1;

        /** The socket's event loop (the connection is made on it). */
        final Context loop = Vertx.currentContext();

        Connection(ServerWebSocket ws, Optional<UpgradeRelay.Hop> hop, String subscription) {
            this.ws = ws;
            this.hop = hop;
            this.subscription = subscription;
        }

        /**
         * Runs a write on the socket's event loop, in call order. A message larger than one frame goes out as
         * several frames; written from another thread, each frame is a task of its own, and a heartbeat answer
         * the loop writes between two of them breaks the message (the client sees a protocol error and drops
         * the connection, which under load cost a test its oversized frame).
         */
        void onLoop(Runnable write) {
            if (loop == null || Vertx.currentContext() == loop) {
                write.run();
            } else {
                loop.runOnContext(v -> write.run());
            }
        }

        void armHeartbeatTimeout() {
            vertx.cancelTimer(heartbeatTimer);
            heartbeatTimer = vertx.setTimer(config.heartbeatTimeout().toMillis(),
                    id -> ws.close((short) 1001, "heartbeat timeout"));
        }
    }
}
