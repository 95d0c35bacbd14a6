package com.zoomoverlay.bridge.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.support.MutableClock;
import com.zoomoverlay.bridge.support.RawWebSocket;
import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The overlay feed against sockets no browser would be, on loopback: idle ones that never answer a ping,
 * ones that never read, ping floods, too many from one address, a foreign page's origin. Deadlines are on
 * the bridge clock, which the tests move.
 */
class OverlayFeedBoundsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T18:00:00Z"));
    private final List<RawWebSocket> raw = new ArrayList<>();
    private TestBridge bridge;

    @AfterEach
    void stop() throws IOException {
        for (RawWebSocket socket : raw) {
            socket.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void a_socket_that_never_answers_a_ping_is_closed_after_the_pong_timeout_and_a_real_overlay_stays() throws Exception {
        start(Map.of());
        RawWebSocket idle = idle("127.0.0.1");
        OverlayFeedTest.Client overlay = OverlayFeedTest.Client.connect(bridge, "");
        await().atMost(WAIT).until(() -> overlay.pings.get() == 1 && feed().clientsAwaitingPong() == 1);

        clock.advance(Duration.ofSeconds(11));
        assertThat(idle.closedWithin(WAIT)).isTrue();
        assertThat(closed("no_pong")).isEqualTo(1.0);
        // the real one answers every ping, round after round, and still gets frames
        for (int round = 2; round <= 4; round++) {
            clock.advance(Duration.ofSeconds(31));
            int expected = round;
            await().atMost(WAIT).until(() -> overlay.pings.get() == expected && feed().clientsAwaitingPong() == 0);
        }
        clock.advance(Duration.ofSeconds(11));
        bridge.camel().createProducerTemplate().sendBody("direct:overlay-broadcast", "{\"still\":\"here\"}");
        await().atMost(WAIT).until(() -> overlay.frames.contains("{\"still\":\"here\"}"));
        assertThat(feed().clientCount()).isEqualTo(1);
        assertThat(closed("no_pong")).isEqualTo(1.0);
    }

    @Test
    void idle_sockets_cannot_keep_real_overlays_out_but_live_ones_keep_their_place() throws Exception {
        start(Map.of("bridge.overlay.max-clients", "10"));
        for (int i = 0; i < 10; i++) {
            idle("127.0.0.1");
        }
        await().atMost(WAIT).until(() -> feed().clientCount() == 10);

        List<OverlayFeedTest.Client> overlays = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            overlays.add(OverlayFeedTest.Client.connect(bridge, ""));
            int evicted = i + 1;
            await().atMost(WAIT).until(() -> closed("evicted") == evicted);
        }
        // each time the oldest idle socket made room
        for (RawWebSocket socket : raw) {
            assertThat(socket.closedWithin(WAIT)).isTrue();
        }
        await().atMost(WAIT).until(() -> feed().clientsAwaitingPong() == 0);
        assertThat(feed().clientCount()).isEqualTo(10);

        // every place is held by an overlay that answers: the next one is refused, none of them goes
        HttpResponse<String> full = bridge.get("/overlay/events");
        assertThat(full.statusCode()).isEqualTo(503);
        assertThat(full.body()).contains("\"error\":\"too_many_clients\"");
        assertThat(full.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(refused("too_many_clients")).isEqualTo(1.0);
        assertThat(overlays).noneMatch(o -> o.closed);
        assertThat(feed().clientCount()).isEqualTo(10);
    }

    @Test
    void one_address_cannot_take_every_place() throws Exception {
        start(Map.of("bridge.overlay.max-clients-per-address", "2"));
        OverlayFeedTest.Client.connect(bridge, "");
        OverlayFeedTest.Client.connect(bridge, "");
        await().atMost(WAIT).until(() -> feed().clientsAwaitingPong() == 0);
        HttpResponse<String> third = bridge.get("/overlay/events");
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.body()).contains("\"error\":\"too_many_clients_from_address\"");
        // nor can it claim another address: forwarding headers are not read (behind a proxy: docs/security.md)
        HttpResponse<String> claimed = bridge.send(HttpRequest.newBuilder(bridge.uri("/overlay/events"))
                .header("X-Forwarded-For", "203.0.113.7").header("Forwarded", "for=203.0.113.7").GET().build());
        assertThat(claimed.statusCode()).isEqualTo(503);

        // another address still gets in, and at its own limit its oldest idle socket makes room
        RawWebSocket first = idle("127.0.0.2");
        idle("127.0.0.2");
        idle("127.0.0.2");
        assertThat(first.closedWithin(WAIT)).isTrue();
        await().atMost(WAIT).until(() -> closed("evicted") == 1.0);
        assertThat(feed().clientCount()).isEqualTo(4);
    }

    @Test
    void a_client_flooding_pings_is_closed_and_the_bridge_keeps_answering() throws Exception {
        start(Map.of());
        OverlayFeedTest.Client overlay = OverlayFeedTest.Client.connect(bridge, "");
        try (RawWebSocket flood = RawWebSocket.open(bridge.port(), "/overlay/events")) {
            long sent = flood.floodPings(20_000_000);
            assertThat(sent).as("closed before the 20 million went out").isNotNegative();
            assertThat(flood.closedWithin(WAIT)).isTrue();
        }
        assertThat(closed("flood")).isEqualTo(1.0);
        assertThat(bridge.get("/health").statusCode()).isEqualTo(200);
        bridge.camel().createProducerTemplate().sendBody("direct:overlay-broadcast", "{\"after\":\"flood\"}");
        await().atMost(WAIT).until(() -> overlay.frames.contains("{\"after\":\"flood\"}"));
    }

    @Test
    void a_client_that_never_reads_is_closed_once_its_write_queue_stays_full() throws Exception {
        // The live overlay is pinged each time the clock passes another 500 ms: its pings show which sweeps
        // have run (the stuck socket keeps its first ping unanswered, well within the 10 m pong timeout).
        start(Map.of("bridge.overlay.stall-timeout", "30s", "bridge.overlay.pong-timeout", "10m",
                "bridge.overlay.ping-interval", "500ms", "bridge.overlay.max-queued-frames", "16"));
        RawWebSocket stuck = idle("127.0.0.3"); // its own address, to tell its stall from the live overlay's
        OverlayFeedTest.Client overlay = OverlayFeedTest.Client.connect(bridge, "");
        String padding = "x".repeat(64 * 1024);
        // Frames in batches until the stuck socket stays behind once the live overlay has had the whole batch:
        // how much of it the kernel takes first (the send buffer grows up to net.ipv4.tcp_wmem's maximum) and
        // how much the bounded queue drops differ from run to run, so no fixed count fills it every time.
        int sent = 0;
        for (int batch = 0; batch < 40 && feed().stalledClients("127.0.0.3") == 0; batch++) {
            for (int i = 0; i < 20; i++, sent++) {
                bridge.camel().createProducerTemplate().sendBody("direct:overlay-broadcast", "{\"n\":" + sent + ",\"pad\":\"" + padding + "\"}");
            }
            String last = "{\"n\":" + (sent - 1) + ",";
            await().atMost(WAIT).until(() -> overlay.frames.stream().anyMatch(f -> f.startsWith(last)));
        }
        await().atMost(WAIT).until(() -> overlay.frames.size() > 0 && feed().stalledClients() == 1
                && overlay.pings.get() == 1 && feed().clientsAwaitingPong() == 1);

        // (not read from the socket here: reading would unstall it)
        clock.advance(Duration.ofSeconds(29));
        await().atMost(WAIT).until(() -> overlay.pings.get() == 2);
        clock.advance(Duration.ofMillis(500));
        // sweeps run one after another: the one that sent the third ping began after the one that sent the second
        // (and checked the stuck socket at 29 s) had ended
        await().atMost(WAIT).until(() -> overlay.pings.get() == 3);
        assertThat(closed("not_reading")).as("closed before its 30 s stall timeout").isZero();
        clock.advance(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> closed("not_reading") == 1.0);
        assertThat(stuck.closedWithin(WAIT)).isTrue();
        assertThat(feed().clientCount()).isEqualTo(1);
    }

    @Test
    void the_feed_can_be_restricted_to_the_overlay_pages_origin() throws Exception {
        start(Map.of("bridge.overlay.allowed-origins", "http://graphics.venue.example:8080, https://bridge.example.com/"));
        HttpResponse<String> foreign = bridge.send(HttpRequest.newBuilder(bridge.uri("/overlay/events"))
                .header("Origin", "https://evil.example").GET().build());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("\"error\":\"origin_not_allowed\"");
        assertThat(foreign.headers().firstValue("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(refused("origin_not_allowed")).isEqualTo(1.0);

        RawWebSocket listed = RawWebSocket.open(bridge.port(), "/overlay/events", "127.0.0.1", "Origin: https://bridge.example.com\r\n");
        raw.add(listed);
        await().atMost(WAIT).until(() -> feed().clientCount() == 1);
        OverlayFeedTest.Client.connect(bridge, ""); // no Origin: not a browser, the token is the guard there
        assertThat(feed().clientCount()).isEqualTo(2);
    }

    private void start(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("SIMULATE", "true");
        bridge = TestBridge.start(env, clock);
    }

    /** A socket that upgrades and then does nothing: never reads, never answers a ping. */
    private RawWebSocket idle(String from) throws IOException {
        double before = OverlayFeedTest.Client.connects(bridge);
        RawWebSocket socket = RawWebSocket.open(bridge.port(), "/overlay/events", from, "");
        raw.add(socket);
        await().atMost(WAIT).until(() -> OverlayFeedTest.Client.connects(bridge) > before);
        return socket;
    }

    private OverlayFeed feed() {
        return bridge.camel().getRegistry().lookupByNameAndType(OverlayModule.BEAN_NAME, OverlayFeed.class);
    }

    private double closed(String reason) {
        var counter = MetricsModule.registry(bridge.camel()).find("overlay.clients.closed").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private double refused(String reason) {
        var counter = MetricsModule.registry(bridge.camel()).find("overlay.clients.refused").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
