package com.zoomoverlay.bridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zoomoverlay.bridge.support.StandardWebhooksVerifier;

/**
 * A fast downstream webhook receiver on a loopback port: answers 200, records Zoom-to-receiver latency,
 * and checks the Standard Webhooks signature of every {@value #VERIFY_EVERY}th request (a bad one is
 * counted, so a run with broken signing cannot look fine). {@link #down()} and {@link #up()} close and
 * reopen the port: while down, the bridge gets "connection refused".
 */
final class WebhookReceiver implements AutoCloseable {

    private static final int VERIFY_EVERY = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server leaves Nagle on: with delayed ACKs each keep-alive answer would wait ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final LatencyRecorder latencies = new LatencyRecorder();
    private final StandardWebhooksVerifier verifier;
    private final AtomicInteger seen = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final int port;
    private HttpServer server;

    WebhookReceiver(String whsecSecret) {
        this.verifier = new StandardWebhooksVerifier(whsecSecret, Duration.ofMinutes(10));
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    LatencyRecorder latencies() {
        return latencies;
    }

    int badSignatures() {
        return badSignatures.get();
    }

    synchronized void down() {
        server.stop(0);
        server = null;
    }

    synchronized void up() {
        server = listen(port);
    }

    private HttpServer listen(int onPort) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
            s.createContext("/hook", this::handle);
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        latencies.arrived(JSON.readTree(body).path("event_ts").asLong());
        if (seen.incrementAndGet() % VERIFY_EVERY == 0) {
            verify(exchange, body);
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private void verify(HttpExchange exchange, String body) {
        var h = exchange.getRequestHeaders();
        try {
            verifier.verify(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"),
                    body, Instant.now());
        } catch (Exception e) {
            badSignatures.incrementAndGet();
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
