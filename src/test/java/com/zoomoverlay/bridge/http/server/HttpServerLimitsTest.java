package com.zoomoverlay.bridge.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.support.LogCapture;
import com.zoomoverlay.bridge.support.MutableClock;
import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP port against careless and hostile clients, on loopback with raw sockets (a Java HTTP client
 * would refuse to send most of this): bad escapes and oversized heads answered as JSON with the security
 * headers and without a stack trace, silent and half-sent connections closed (head or body), the connection budget.
 */
class HttpServerLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T18:00:00Z"));
    private final List<Socket> sockets = new ArrayList<>();
    private TestBridge bridge;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void a_bad_percent_escape_is_a_json_400_with_the_headers_and_no_stack_trace_in_the_log() throws Exception {
        bridge = TestBridge.start(Map.of("SIMULATE", "true"), clock);
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 100; i++) {
                String answer = exchange("GET /%zz HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(answer).startsWith("HTTP/1.1 400");
                assertThat(answer).containsIgnoringCase("Content-Type: application/json")
                        .containsIgnoringCase("X-Content-Type-Options: nosniff")
                        .containsIgnoringCase("Strict-Transport-Security: max-age=31536000")
                        .containsIgnoringCase("Content-Security-Policy: default-src 'self'")
                        .containsIgnoringCase("Referrer-Policy: strict-origin-when-cross-origin")
                        .contains("{\"error\":\"bad_request\"");
            }
            assertThat(exchange("GET /overlay/events?token=%z HTTP/1.1\r\nHost: localhost\r\n\r\n")).startsWith("HTTP/1.1 400");
            assertThat(bridge.get("/metrics").body()).contains("http_requests_refused_total{reason=\"bad_escape\"} 101.0");
            List<String> lines = logs.lines();
            assertThat(lines).noneMatch(l -> l.startsWith("ERROR")).noneMatch(l -> l.contains(" | "));
            assertThat(lines.stream().filter(l -> l.contains("http request refused"))).hasSize(20)
                    .allMatch(l -> l.startsWith("WARN") && l.contains("reason=bad_escape") && !l.contains("%zz"));
        }
    }

    @Test
    void oversized_request_lines_and_headers_get_json_errors_with_the_headers() throws Exception {
        bridge = TestBridge.start(Map.of("SIMULATE", "true"), clock);
        String longLine = exchange("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(longLine).matches("(?s)HTTP/1\\.[01] 414.*").contains("\"error\":\"uri_too_long\"")
                .containsIgnoringCase("X-Content-Type-Options: nosniff");
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            headers.append("X-Filler-").append(i).append(": ").append("y".repeat(40)).append("\r\n");
        }
        String tooMany = exchange("GET /health HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n");
        assertThat(tooMany).matches("(?s)HTTP/1\\.[01] 431.*").contains("\"error\":\"headers_too_large\"")
                .containsIgnoringCase("Content-Security-Policy");
        assertThat(bridge.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void silent_and_half_sent_connections_are_closed_after_the_header_timeout() throws Exception {
        bridge = TestBridge.start(Map.of("SIMULATE", "true"), clock);
        Socket silent = open();
        Socket half = open();
        half.getOutputStream().write("GET /hea".getBytes(StandardCharsets.US_ASCII));
        Socket keptAlive = open();
        keptAlive.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        await().atMost(WAIT).until(() -> openConnections() >= 3);

        clock.advance(Duration.ofSeconds(5));
        assertThat(readsUntilClosed(keptAlive, Duration.ofSeconds(2))).as("still open before the deadline").isFalse();
        clock.advance(Duration.ofSeconds(6));
        assertThat(readsUntilClosed(silent, WAIT)).isTrue();
        assertThat(readsUntilClosed(half, WAIT)).isTrue();
        assertThat(readsUntilClosed(keptAlive, WAIT)).as("idle keep-alive after its answer").isTrue();
        assertThat(closed("request_header_timeout")).isGreaterThanOrEqualTo(3.0);
    }

    @Test
    void a_request_whose_body_stops_halfway_is_closed_by_the_idle_timeout() throws Exception {
        // Vert.x's own idle timer (whole seconds, real time): the head is in, so the header deadline is off
        bridge = TestBridge.start(Map.of("SIMULATE", "true", "bridge.http.idle-timeout", "1s"), clock);
        Socket stalled = open();
        stalled.getOutputStream().write(("POST /zoom/webhook HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"event\":").getBytes(StandardCharsets.US_ASCII));
        assertThat(readsUntilClosed(stalled, WAIT)).isTrue();
        assertThat(bridge.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void a_client_cannot_take_every_connection_and_the_bridge_keeps_answering() throws Exception {
        bridge = TestBridge.start(Map.of("SIMULATE", "true", "bridge.http.max-connections-per-client", "20"), clock);
        for (int i = 0; i < 20; i++) {
            open();
        }
        await().atMost(WAIT).until(() -> openConnections() >= 20);
        Socket over = open();
        assertThat(readsUntilClosed(over, WAIT)).isTrue();
        assertThat(closed("max_connections_per_client")).isEqualTo(1.0);

        clock.advance(Duration.ofSeconds(11));
        await().atMost(WAIT).until(() -> openConnections() == 0);
        assertThat(bridge.get("/health").statusCode()).isEqualTo(200);
    }

    /** Read in-process: over the per-client budget, the test's own HTTP client would be refused too. */
    private int openConnections() {
        return (int) MetricsModule.registry(bridge.camel()).get("http.connections").gauge().value();
    }

    private double closed(String reason) {
        var counter = MetricsModule.registry(bridge.camel()).find("http.connections.closed").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private Socket open() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", bridge.port()));
        sockets.add(socket);
        return socket;
    }

    /** Sends a raw request on a fresh connection and returns the answer up to the connection's close. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", bridge.port()));
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** True when the bridge closes the connection within {@code wait}; what it sent before is skipped. */
    private static boolean readsUntilClosed(Socket socket, Duration wait) {
        try {
            socket.setSoTimeout((int) wait.toMillis());
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            for (int n = in.read(buffer); ; n = in.read(buffer)) {
                if (n < 0) {
                    return true;
                }
                seen.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset by the bridge
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
