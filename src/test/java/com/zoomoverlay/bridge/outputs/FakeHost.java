package com.zoomoverlay.bridge.outputs;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.delivery.targets.OutgoingDelivery;
import com.zoomoverlay.bridge.delivery.targets.SendResult;
import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.delivery.targets.TargetConfig;
import com.zoomoverlay.bridge.delivery.targets.TargetKind;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/** A Vert.x instance with an HTTP server on a free loopback port, where a test mounts the fake products. */
public final class FakeHost implements AutoCloseable {

    /** What senders tell time by (only an HTTP-date Retry-After needs it). */
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T20:00:00Z"), ZoneOffset.UTC);
    private final Vertx vertx = Vertx.vertx();
    private final Router router = Router.router(vertx);
    private final HttpServer server;
    private int sequence;

    public FakeHost() {
        try {
            server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake host did not start", e);
        }
    }

    public Vertx vertx() {
        return vertx;
    }

    public Router router() {
        return router;
    }

    public Clock clock() {
        return clock;
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** A sender of {@code kind} for a target with these settings, made as the engine makes it. */
    public Sender sender(TargetKind kind, Map<String, String> settings) {
        return kind.create(new TargetConfig("test-target", kind.name(), settings), vertx, clock);
    }

    /** Sends one body and waits for the outcome (the wait is generous; it bounds a hang, it measures nothing). */
    public SendResult send(Sender sender, String body) {
        try {
            return sender.send(new OutgoingDelivery("msg_" + (++sequence), "test-target", "meeting.participant_joined",
                    1L, body, 1)).toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send did not complete", e);
        }
    }

    @Override
    public void close() {
        vertx.close();
    }
}
