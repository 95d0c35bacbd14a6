package com.zoomoverlay.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedEventSocketTest {

    private final Vertx vertx = Vertx.vertx();
    private final WebSocketClient client = vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxMessageSize(8 * 1024 * 1024).setMaxFrameSize(8 * 1024 * 1024));
    private ZoomSimulator simulator;
    private int port;

    private void start(SimulatorConfig config) throws Exception {
        simulator = new ZoomSimulator(vertx, config, Clock.systemUTC());
        port = simulator.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    private static SimulatorConfig config() {
        return SimulatorConfig.defaults("client", "secret", Set.of("http://localhost/oauth/callback"))
                .withStory(false, Duration.ofMillis(50));
    }

    private String token() {
        return simulator.tokens().issueAccessToken(Duration.ofHours(1), List.of("websocket")).value();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A plain Vert.x client that records every frame and how its socket closed. */
    private final class Peer {
        final List<JsonObject> frames = new CopyOnWriteArrayList<>();
        final List<String> raw = new CopyOnWriteArrayList<>();
        volatile Short closeCode;
        volatile String closeReason;
        final WebSocket ws;

        Peer(WebSocketConnectOptions options) throws Exception {
            // Connected from a Vert.x context, so the connection and its future share that one event loop:
            // the handlers go on in the same task that resumes the socket, before its first frame is drained.
            // Connected from the test thread instead, the future completes on another event loop, and under
            // load Vert.x hands build_connection to a socket with no handler yet: it is lost for good.
            CompletableFuture<WebSocket> connected = new CompletableFuture<>();
            vertx.getOrCreateContext().runOnContext(v -> client.connect(options).onComplete(ar -> {
                if (ar.failed()) {
                    connected.completeExceptionally(ar.cause());
                    return;
                }
                WebSocket socket = ar.result();
                socket.textMessageHandler(this::received);
                socket.closeHandler(x -> {
                    closeReason = socket.closeReason();
                    closeCode = socket.closeStatusCode();
                });
                connected.complete(socket);
            }));
            ws = connected.get(10, TimeUnit.SECONDS);
        }

        private void received(String text) {
            raw.add(text);
            try {
                frames.add(new JsonObject(text));
            } catch (RuntimeException e) {
                // malformed on purpose: kept in raw only
            }
        }

        List<String> modules() {
            return frames.stream().map(f -> f.getString("module")).toList();
        }
    }

    private WebSocketConnectOptions options(String query) {
        return new WebSocketConnectOptions().setAbsoluteURI("ws://127.0.0.1:" + port + "/ws?" + query);
    }

    private Peer connect(String token) throws Exception {
        return new Peer(options("subscriptionId=sub-1&access_token=" + token));
    }

    @Test
    void valid_query_token_gets_build_connection_and_heartbeat_answers() throws Exception {
        start(config());
        Peer peer = connect(token());
        peer.ws.writeTextMessage("{\"module\":\"heartbeat\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.modules().contains("heartbeat"));
        assertThat(peer.frames.get(0).encode()).isEqualTo("{\"module\":\"build_connection\",\"success\":true}");
        assertThat(simulator.events().connectionCount()).isEqualTo(1);
        assertThat(simulator.events().heartbeatsAnswered()).isEqualTo(1);
    }

    @Test
    void bearer_header_token_is_accepted() throws Exception {
        start(config());
        String token = token();
        Peer peer = new Peer(options("subscriptionId=sub-1").addHeader("Authorization", "Bearer " + token)
                .addHeader("Client-Version", "test/1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.modules().contains("build_connection"));
        assertThat(simulator.events().lastAccessToken()).contains(token);
        assertThat(simulator.events().lastClientVersion()).contains("test/1");
    }

    @Test
    void unknown_or_expired_token_is_closed_with_4700() throws Exception {
        start(config());
        Peer unknown = connect("sim_at_not-issued");
        await().atMost(Duration.ofSeconds(10)).until(() -> unknown.closeCode != null);
        assertThat(unknown.closeCode).isEqualTo((short) 4700);

        String revoked = token();
        simulator.tokens().revokeAccessToken(revoked);
        Peer expired = connect(revoked);
        await().atMost(Duration.ofSeconds(10)).until(() -> expired.closeCode != null);
        assertThat(expired.closeCode).isEqualTo((short) 4700);
        assertThat(simulator.events().rejectedTokens()).isEqualTo(2);
        assertThat(simulator.events().totalConnects()).isZero();
    }

    @Test
    void a_new_connection_replaces_the_old_one_and_says_so() throws Exception {
        start(config());
        Peer first = connect(token());
        Peer second = connect(token());
        await().atMost(Duration.ofSeconds(10)).until(() -> first.closeCode != null);
        assertThat(first.closeReason).contains("replaced");
        assertThat(second.closeCode).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.events().connectionCount() == 1);
        assertThat(simulator.events().peakConnections()).isEqualTo(2);
        assertThat(simulator.events().replacedConnections()).isEqualTo(1);
    }

    @Test
    void a_client_that_stops_heartbeating_is_dropped() throws Exception {
        start(config().withHeartbeatTimeout(Duration.ofMillis(300)));
        Peer peer = connect(token());
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.closeCode != null);
        assertThat(peer.closeReason).contains("heartbeat");
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.events().connectionCount() == 0);
    }

    @Test
    void silent_server_stops_answering_heartbeats() throws Exception {
        start(config());
        Peer peer = connect(token());
        simulator.events().silent(true);
        peer.ws.writeTextMessage("{\"module\":\"heartbeat\"}");
        peer.ws.writeTextMessage("{\"module\":\"heartbeat\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.events().heartbeatsReceived() == 2);
        simulator.events().silent(false);
        peer.ws.writeTextMessage("{\"module\":\"heartbeat\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.modules().contains("heartbeat"));
        assertThat(simulator.events().heartbeatsAnswered()).isEqualTo(1);
    }

    @Test
    void scripted_story_is_double_encoded_zoom_events_while_connected() throws Exception {
        start(config().withStory(true, Duration.ofMillis(20)));
        assertThat(simulator.events().eventsSent()).isZero();
        Peer peer = connect(token());
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.modules().stream().filter("message"::equals).count() >= 6);
        List<JsonObject> events = peer.frames.stream().filter(f -> "message".equals(f.getString("module")))
                .map(f -> new JsonObject(f.getString("content"))).toList();
        assertThat(events.get(0).getString("event")).isEqualTo("meeting.started");
        assertThat(events.get(1).getString("event")).isEqualTo("meeting.participant_joined");
        assertThat(events.get(1).getJsonObject("payload").getJsonObject("object").getJsonObject("participant")
                .getString("user_name")).isNotBlank();
        assertThat(events.get(2).getString("event")).isEqualTo("meeting.chat_message_sent");
        for (JsonObject event : events) {
            assertThat(event.getLong("event_ts")).isGreaterThan(1_600_000_000_000L);
            assertThat(event.getJsonObject("payload").getString("account_id")).isEqualTo(SimulatedEventSocket.ACCOUNT_ID);
            assertThat(event.getJsonObject("payload").getJsonObject("object").getString("uuid")).isNotBlank();
        }
        assertThat(simulator.events().storyPlaying()).isTrue();
        peer.ws.close();
        // Zoom does not replay: nothing is produced while nobody listens. The story's timer stops with the last
        // client (it would otherwise tick every 20 ms into the void), and starts again with the next one.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> simulator.events().connectionCount() == 0 && !simulator.events().storyPlaying());
        long sent = simulator.events().eventsSent();
        Peer next = connect(token());
        await().atMost(Duration.ofSeconds(10)).until(() -> next.modules().contains("message"));
        assertThat(simulator.events().storyPlaying()).isTrue();
        assertThat(simulator.events().eventsSent()).isGreaterThan(sent);
    }

    @Test
    void refused_connections_get_503_until_the_outage_ends() throws Exception {
        start(config());
        simulator.events().refuseFor(Duration.ofMinutes(5));
        Throwable failure = client.connect(options("subscriptionId=sub-1&access_token=" + token()))
                .toCompletionStage().toCompletableFuture().handle((ws, e) -> e).get(10, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(UpgradeRejectedException.class);
        assertThat(simulator.events().refusedConnects()).isEqualTo(1);
        assertThat(simulator.events().lastReturnGap("sub-1")).isEmpty();
        simulator.events().acceptConnections();
        Peer peer = connect(token());
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.modules().contains("build_connection"));
        // Per subscription, so a benchmark can measure two clients through one outage.
        assertThat(simulator.events().refusedConnects("sub-1")).isEqualTo(1);
        assertThat(simulator.events().refusedConnects("sub-2")).isZero();
        assertThat(simulator.events().lastReturnGap("sub-1")).isPresent();
        assertThat(simulator.events().lastReturnGap("sub-2")).isEmpty();
        assertThat(simulator.events().connected("sub-1")).isTrue();
    }

    @Test
    void dropped_tcp_connection_closes_without_a_close_frame() throws Exception {
        start(config());
        Peer peer = connect(token());
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.modules().contains("build_connection"));
        simulator.events().dropAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.closeCode != null || peer.ws.isClosed());
        assertThat(peer.closeCode).isIn(null, (short) 1006);
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.events().connectionCount() == 0);
    }

    @Test
    void faults_send_malformed_duplicate_oversized_and_bursts() throws Exception {
        start(config());
        Peer peer = connect(token());
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.modules().contains("build_connection"));
        simulator.events().sendMalformed(SimulatedEventSocket.Malformed.NOT_JSON);
        simulator.events().sendMalformed(SimulatedEventSocket.Malformed.UNKNOWN_MODULE);
        simulator.events().sendMalformed(SimulatedEventSocket.Malformed.CONTENT_NOT_JSON);
        simulator.events().burst(3);
        simulator.events().sendDuplicate();
        simulator.events().sendOversized(2 * 1024 * 1024);
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.raw.size() == 1 + 3 + 3 + 1 + 1);
        assertThat(peer.raw.get(1)).isEqualTo("this is not JSON {");
        assertThat(peer.modules()).contains("holiday_greeting");
        assertThat(peer.raw.get(7)).isEqualTo(peer.raw.get(6));
        assertThat(peer.raw.get(8).length()).isGreaterThan(2 * 1024 * 1024);
    }

    @Test
    void control_endpoints_drive_faults_over_http() throws Exception {
        start(config());
        Peer peer = connect(token());
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.modules().contains("build_connection"));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> burst = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/control/ws/burst?count=2")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(burst.statusCode()).isEqualTo(200);
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/control/ws/close?code=abc")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/control/ws/close?code=4700"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.closeCode != null);
        assertThat(peer.closeCode).isEqualTo((short) 4700);
        HttpResponse<String> state = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/control/ws/state")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(new JsonObject(state.body()).getInteger("totalConnects")).isEqualTo(1);
        assertThat(new JsonObject(state.body()).getInteger("eventsSent")).isEqualTo(2);
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/control/ws/reject-tokens?on=true"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        Peer rejected = connect(token());
        await().atMost(Duration.ofSeconds(10)).until(() -> rejected.closeCode != null);
        assertThat(rejected.closeCode).isEqualTo((short) 4700);
        assertThat(simulator.events().rejectedTokens()).isEqualTo(1);
    }
}
