package com.zoomoverlay.bridge.bench.live;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import com.zoomoverlay.bridge.support.StandardWebhooksVerifier;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * The downstream webhook receiver: a Vert.x server on one event loop (so it is not what limits the
 * run), answering 200 with no body. Records each event's arrival, and checks the Standard Webhooks
 * signature of every 50th request when given a secret (a bad one is counted, so broken signing cannot
 * look fine). {@link #down()} closes the port (the sender gets "connection refused"), {@link #up()}
 * opens it again.
 */
final class LiveReceiver implements AutoCloseable {

    private static final int VERIFY_EVERY = 50;

    private final Vertx vertx;
    private final StandardWebhooksVerifier verifier;
    private final Arrivals arrivals = new Arrivals();
    private final AtomicLong badSignatures = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final int port;
    private volatile HttpServer server;

    LiveReceiver(Vertx vertx, String whsecSecret) throws Exception {
        this.vertx = vertx;
        this.verifier = whsecSecret == null ? null : new StandardWebhooksVerifier(whsecSecret, Duration.ofMinutes(10));
        this.server = listen(0);
        this.port = server.actualPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    Arrivals arrivals() {
        return arrivals;
    }

    long badSignatures() {
        return badSignatures.get();
    }

    void down() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get();
    }

    void up() throws Exception {
        server = listen(port);
    }

    private HttpServer listen(int onPort) throws Exception {
        return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
                .requestHandler(this::handle)
                .listen(onPort, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            String body = buffer.toString();
            JsonObject event = new JsonObject(body);
            JsonObject object = event.getJsonObject("payload", new JsonObject()).getJsonObject("object");
            if (object == null || object.getLong("seq") == null) {
                // not one of the bench's events (the bridge's own, e.g. bridge.gap): acknowledged, not counted
                request.response().setStatusCode(200).end();
                return;
            }
            arrivals.arrived(object.getLong("seq"), event.getLong("event_ts", 0L));
            if (verifier != null && requests.incrementAndGet() % VERIFY_EVERY == 0) {
                try {
                    verifier.verify(request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
                            request.getHeader("webhook-signature"), body, Instant.now());
                } catch (Exception e) {
                    badSignatures.incrementAndGet();
                }
            }
            request.response().setStatusCode(200).end();
        });
    }

    @Override
    public void close() throws Exception {
        down();
    }
}
