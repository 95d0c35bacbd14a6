package com.zoomoverlay.bridge.http.server;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every open connection of the HTTP port, with a budget and a deadline. Past {@code max-connections} (or
 * {@code max-connections-per-client} from one address) a new connection is closed at once. A connection
 * that has not sent a whole request head within {@code request-header-timeout} of opening, or of its
 * previous answer, is closed by a sweep once a second (the deadline is read from the bridge clock, so
 * tests move it instead of waiting). Upgraded connections (WebSockets) have no such deadline: the idle
 * timeout and the feed's own pings watch them.
 */
final class ServerConnections {

    private static final Logger LOG = LoggerFactory.getLogger(ServerConnections.class);

    private final HttpServerLimits limits;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<HttpConnection, Tracked> open = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();

    ServerConnections(Vertx vertx, HttpServerLimits limits, Clock clock, MeterRegistry registry) {
        this.limits = limits;
        this.clock = clock;
        this.registry = registry;
        Gauge.builder("http.connections", open, Map::size).description("Open connections of the HTTP port")
                .register(registry);
        vertx.setPeriodic(1_000, id -> sweep());
    }

    /** Vert.x's connection handler: counts it in, or closes it when over budget. */
    void opened(HttpConnection connection) {
        String client = BadRequests.client(connection.remoteAddress());
        Tracked tracked = new Tracked(client, clock.instant().plus(limits.requestHeaderTimeout()));
        int fromClient = perClient.computeIfAbsent(client, k -> new AtomicInteger()).incrementAndGet();
        open.put(connection, tracked);
        connection.closeHandler(v -> closed(connection));
        if (open.size() > limits.maxConnections()) {
            close(connection, "max_connections");
        } else if (fromClient > limits.maxConnectionsPerClient()) {
            close(connection, "max_connections_per_client");
        }
    }

    /** A request head is in: no deadline while it is served. */
    void requestStarted(HttpServerRequest request) {
        Tracked tracked = open.get(request.connection());
        if (tracked != null) {
            tracked.active.incrementAndGet();
        }
    }

    /** Its answer is out (status 101: the connection is now a WebSocket). */
    void requestEnded(HttpServerRequest request, int status) {
        Tracked tracked = open.get(request.connection());
        if (tracked == null) {
            return;
        }
        if (status == 101) {
            tracked.upgraded = true;
        } else if (tracked.active.decrementAndGet() <= 0) {
            tracked.active.set(0);
            tracked.deadline = clock.instant().plus(limits.requestHeaderTimeout());
        }
    }

    int openConnections() {
        return open.size();
    }

    private void closed(HttpConnection connection) {
        Tracked tracked = open.remove(connection);
        if (tracked != null) {
            perClient.computeIfPresent(tracked.client, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }

    private void sweep() {
        Instant now = clock.instant();
        open.forEach((connection, tracked) -> {
            if (!tracked.upgraded && tracked.active.get() == 0 && now.isAfter(tracked.deadline)) {
                tracked.deadline = Instant.MAX; // closing: count it once
                close(connection, "request_header_timeout");
            }
        });
    }

    private void close(HttpConnection connection, String reason) {
        Counter.builder("http.connections.closed").description("Connections the HTTP port closed on its own, by reason")
                .tag("reason", reason).register(registry).increment();
        LOG.debug("http connection closed reason={}", reason);
        connection.close();
    }

    private static final class Tracked {
        final String client;
        final AtomicInteger active = new AtomicInteger();
        volatile Instant deadline;
        volatile boolean upgraded;

        Tracked(String client, Instant deadline) {
            this.client = client;
            this.deadline = deadline;
        }
    }
}
