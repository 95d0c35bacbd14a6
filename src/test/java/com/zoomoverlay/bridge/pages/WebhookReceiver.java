package com.zoomoverlay.bridge.pages;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A downstream webhook receiver for the browser tests: refuses every delivery with 400 (so events
 * become dead letters) until {@code POST /control/accept}, then acknowledges with 200.
 * {@code GET /control/stats} tells the browser test how many it refused and accepted.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final AtomicBoolean accepting = new AtomicBoolean(false);
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::hook);
        server.createContext("/control/accept", exchange -> {
            accepting.set(true);
            reply(exchange, 204, "");
        });
        server.createContext("/control/stats", exchange -> reply(exchange, 200,
                "{\"refused\":" + refused.get() + ",\"accepted\":" + accepted.get() + "}"));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String hookUrl() {
        return baseUrl() + "/hook";
    }

    private void hook(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
        if (accepting.get()) {
            accepted.incrementAndGet();
            reply(exchange, 200, "{}");
        } else {
            refused.incrementAndGet();
            reply(exchange, 400, "{\"error\":\"refused by the test receiver\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // The browser test reads /control/stats from the bridge's page, another origin.
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
