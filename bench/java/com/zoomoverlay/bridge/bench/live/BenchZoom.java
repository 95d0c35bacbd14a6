package com.zoomoverlay.bridge.bench.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.zoomoverlay.bridge.simulator.SimulatedOAuthServer;
import com.zoomoverlay.bridge.simulator.SimulatorConfig;
import com.zoomoverlay.bridge.simulator.ZoomSimulator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The fake Zoom of the live benchmark, in a process of its own: the built-in simulator (OAuth with the
 * account_credentials grant, the Event WebSocket) on a free loopback port, without its scripted story,
 * plus two load controls. Every event is a chat message with a sequence number in
 * {@code payload.object.seq} (so receivers can check order) and {@code event_ts} = the moment it is sent.
 *
 * <pre>
 * POST /bench/burst?count=N                  N events at once
 * POST /bench/steady?rate=R&amp;seconds=S        R events/s, evenly spread, for S seconds (answers at once)
 * GET  /bench/sent                           events sent so far, and whether a steady run is going
 * </pre>
 *
 * Prints {@code LISTENING <port>} when ready.
 */
public final class BenchZoom {

    static final String CLIENT_ID = "bench-client";
    static final String CLIENT_SECRET = "bench-client-secret-0123456789abcdef";
    static final String ACCOUNT_ID = SimulatedOAuthServer.ACCOUNT_ID;

    private final ZoomSimulator simulator;
    private final Vertx vertx;
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean steadyRunning;

    private BenchZoom(Vertx vertx) {
        this.vertx = vertx;
        SimulatorConfig config = SimulatorConfig.defaults(CLIENT_ID, CLIENT_SECRET, Set.of())
                .withStory(false, Duration.ofSeconds(2));
        this.simulator = new ZoomSimulator(vertx, config, Clock.systemUTC());
        simulator.router().post("/bench/burst").handler(this::burst);
        simulator.router().post("/bench/steady").handler(this::steady);
        simulator.router().get("/bench/sent").handler(ctx -> ctx.json(new JsonObject()
                .put("sent", sequence.get()).put("steady", steadyRunning)));
    }

    public static void main(String[] args) throws Exception {
        BenchZoom zoom = new BenchZoom(Vertx.vertx());
        int port = zoom.simulator.listen(0).toCompletionStage().toCompletableFuture().get().actualPort();
        System.out.println("LISTENING " + port);
        System.out.flush();
    }

    private void burst(RoutingContext ctx) {
        int count = Integer.parseInt(ctx.request().getParam("count", "1000"));
        for (int i = 0; i < count; i++) {
            send();
        }
        ctx.json(new JsonObject().put("sent", sequence.get()));
    }

    private void steady(RoutingContext ctx) {
        int rate = Integer.parseInt(ctx.request().getParam("rate", "1000"));
        int seconds = Integer.parseInt(ctx.request().getParam("seconds", "60"));
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        long[] sent = {0};
        steadyRunning = true;
        // A 1 ms tick sends what is due by now: the rate holds even when one tick runs late.
        vertx.setPeriodic(1, id -> {
            long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
            for (; sent[0] < due; sent[0]++) {
                send();
            }
            if (sent[0] >= total) {
                vertx.cancelTimer(id);
                steadyRunning = false;
            }
        });
        ctx.json(new JsonObject().put("events", total));
    }

    private void send() {
        long seq = sequence.incrementAndGet();
        String now = Instant.now().toString();
        JsonObject chat = new JsonObject()
                .put("id", "bench-chat-" + seq)
                .put("message_id", "bench-chat-" + seq)
                .put("sender_name", "Ada Lovelace")
                .put("sender_type", "participant")
                .put("date_time", now)
                .put("message", "Hello from the audience (#" + seq + ")");
        JsonObject object = new JsonObject()
                .put("id", "85012345678")
                .put("uuid", "bench-meeting-1==")
                .put("host_id", "bench-host-1")
                .put("topic", "Live benchmark")
                .put("seq", seq)
                .put("chat_message", chat);
        simulator.events().sendEvent(new JsonObject()
                .put("event", "meeting.chat_message_sent")
                .put("event_ts", System.currentTimeMillis())
                .put("payload", new JsonObject().put("account_id", ACCOUNT_ID).put("object", object))
                .encode());
    }
}
