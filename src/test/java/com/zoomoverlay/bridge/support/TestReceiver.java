package com.zoomoverlay.bridge.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real downstream webhook receiver on a free loopback port. Answers 200 unless told otherwise: a
 * script of statuses ({@link #answerNext}), or a fixed status ({@link #answerAlways}). Records every request.
 */
public final class TestReceiver implements AutoCloseable {

    /** One request as the receiver saw it, with the answer it gave. */
    public record Request(Map<String, String> headers, String body, int answeredWith, long receivedAtMillis) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    static {
        // The JDK server leaves Nagle on: with delayed ACKs every keep-alive answer would wait ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final Deque<int[]> script = new ConcurrentLinkedDeque<>();
    private final AtomicInteger always = new AtomicInteger(200);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile String retryAfter;

    public TestReceiver() {
        this(0);
    }

    /** On a given port (0 = free), so a restarted bridge can find a receiver at the same URL. */
    public TestReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The next {@code times} requests get {@code status}. */
    public TestReceiver answerNext(int times, int status) {
        script.addLast(new int[] {status, times});
        return this;
    }

    public TestReceiver answerAlways(int status) {
        always.set(status);
        return this;
    }

    public TestReceiver withRetryAfter(String value) {
        this.retryAfter = value;
        return this;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public List<Request> accepted() {
        return requests.stream().filter(r -> r.answeredWith() / 100 == 2).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int status = nextStatus();
        Map<String, String> headers = new java.util.TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        requests.add(new Request(headers, body, status, System.currentTimeMillis()));
        if (status == 429 && retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        byte[] reply = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, reply.length);
        exchange.getResponseBody().write(reply);
        exchange.close();
    }

    private synchronized int nextStatus() {
        int[] head = script.peekFirst();
        if (head == null) {
            return always.get();
        }
        if (--head[1] <= 0) {
            script.pollFirst();
        }
        return head[0];
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
