package com.zoomoverlay.bridge.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TestReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OverlayFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private TestBridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void without_overlay_token_the_feed_is_open_and_frames_arrive_in_order() {
        bridge = TestBridge.simulating();
        Client client = Client.connect(bridge, "");
        for (int i = 0; i < 200; i++) {
            broadcast("{\"n\":" + i + "}");
        }
        await().atMost(WAIT).until(() -> client.frames.size() == 200);
        for (int i = 0; i < 200; i++) {
            assertThat(client.frames.get(i)).isEqualTo("{\"n\":" + i + "}");
        }
        assertThat(bridge.get("/metrics").body()).contains("overlay_clients 1.0");
    }

    @Test
    void overlay_token_is_required_when_set() {
        bridge = TestBridge.start(Map.of("SIMULATE", "true", "OVERLAY_TOKEN", "overlay-secret-1"));
        assertThat(bridge.get("/overlay/events").statusCode()).isEqualTo(401);
        assertThat(bridge.get("/overlay/events?token=wrong").statusCode()).isEqualTo(401);
        assertThat(bridge.get("/overlay/events?token=wrong").headers().firstValue("Content-Security-Policy"))
                .contains("default-src 'self'");
        assertThat(catchUpgrade("?token=wrong")).isInstanceOf(CompletionException.class);
        Client client = Client.connect(bridge, "?token=overlay-secret-1");
        broadcast("{\"hello\":1}");
        await().atMost(WAIT).until(() -> client.frames.size() == 1);
    }

    @Test
    void a_stuck_client_loses_its_oldest_frames_but_never_delays_others_or_webhooks() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            bridge = TestBridge.start(Map.of("SIMULATE", "true",
                    "OVERLAY_WEBHOOK_URL", receiver.url(),
                    "OVERLAY_WEBHOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                    "bridge.overlay.max-queued-frames", "16",
                    "bridge.delivery.retry-check-ms", "20"));
            try (Socket stuck = stuckClient()) {
                Client fast = Client.connect(bridge, "");
                String padding = "x".repeat(64 * 1024);
                int frames = 300;
                for (int i = 0; i < frames; i++) {
                    String event = "{\"event\":\"meeting.chat_message_sent\",\"event_ts\":" + i
                            + ",\"payload\":{\"n\":" + i + ",\"pad\":\"" + padding + "\"}}";
                    bridge.camel().createProducerTemplate().sendBodyAndHeader("direct:zoom-accept", event,
                            "ZoomEventType", "meeting.chat_message_sent");
                }
                await().atMost(WAIT).until(() -> fast.frames.size() == frames);
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.accepted().size() == frames);
                await().atMost(WAIT).until(() -> bridge.get("/metrics").body()
                        .contains("overlay_frames_dropped_total{reason=\"slow_client\"}"));
                assertThat(fast.frames.get(frames - 1)).contains("\"n\":" + (frames - 1));
            }
        }
    }

    private Throwable catchUpgrade(String query) {
        try {
            Client.connect(bridge, query);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private void broadcast(String json) {
        bridge.camel().createProducerTemplate().sendBody("direct:overlay-broadcast", json);
    }

    /** Completes the WebSocket handshake, then never reads: the bridge's writes pile up. */
    private Socket stuckClient() throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", bridge.port()));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /overlay/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IllegalStateException("handshake closed: " + head);
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        await().atMost(WAIT).until(() -> bridge.get("/metrics").body().contains("overlay_clients 1.0"));
        return socket;
    }

    /** A browser-like client that reads everything as it comes. */
    static final class Client implements WebSocket.Listener {
        final List<String> frames = new CopyOnWriteArrayList<>();
        /** The bridge.snapshot first frame (ShowStateTest pins it), kept apart from the frames these tests count. */
        final List<String> snapshots = new CopyOnWriteArrayList<>();
        /** The bridge's pings seen (the JDK answers each with a pong on its own). */
        final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
        volatile boolean closed;
        private final StringBuilder partial = new StringBuilder();

        /** Connects and waits until the bridge has registered it (its 101 goes out just before). */
        static Client connect(TestBridge bridge, String query) {
            double before = connects(bridge);
            Client client = new Client();
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + bridge.port() + "/overlay/events" + query), client).join();
            await().atMost(WAIT).until(() -> connects(bridge) > before);
            return client;
        }

        /** Upgrades the feed has registered so far (its count can stay put: a newcomer may evict an idle socket). */
        static double connects(TestBridge bridge) {
            return com.zoomoverlay.bridge.metrics.MetricsModule.registry(bridge.camel())
                    .get("overlay.clients.connected").counter().count();
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, java.nio.ByteBuffer message) {
            pings.incrementAndGet();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed = true;
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                (frame.startsWith("{\"event\":\"bridge.snapshot\"") ? snapshots : frames).add(frame);
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
