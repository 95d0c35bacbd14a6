package com.zoomoverlay.bridge.bench;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import com.zoomoverlay.bridge.simulator.SimulatorModule;
import com.zoomoverlay.bridge.simulator.ZoomSimulator;
import com.zoomoverlay.bridge.support.SimulatedLogin;
import com.zoomoverlay.bridge.support.TestBridge;

/**
 * End-to-end benchmark of the real path, in process: the real bridge ({@code Application.create}, as
 * TestBridge starts it, SIMULATE=true), logged in through the simulator's OAuth, fed by the simulator's
 * Event WebSocket. Scenario {@code accept}: decode, dedupe, durable inbox → {@code direct:zoom-events}.
 * Scenario {@code webhook}: on through the outbox to a signed webhook at a local receiver, then the
 * receiver goes down and comes back (outbox growth and drain). Latency is Zoom's {@code event_ts} (set
 * by the simulator as it sends) to arrival. Not a test: run with {@code bench/run.sh e2e}. Loopback only,
 * bounded in events and time.
 */
public final class EndToEndBench {

    private static final String ADMIN = "bench-admin-token-0123456789";
    // A made-up signing secret for the local receiver, used nowhere else.
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final int rate = Integer.getInteger("bench.rate", 500);
    private final int seconds = Integer.getInteger("bench.seconds", 20);
    private final int warmupSeconds = Integer.getInteger("bench.warmup-seconds", 10);
    private final int burst = Integer.getInteger("bench.burst", 10_000);
    private final int outageSeconds = Integer.getInteger("bench.outage-seconds", 10);

    public static void main(String[] args) throws Exception {
        String scenario = System.getProperty("bench.scenario", "all");
        EndToEndBench bench = new EndToEndBench();
        System.out.println("machine " + Machine.describe());
        if (!"webhook".equals(scenario)) {
            bench.accept();
        }
        if (!"accept".equals(scenario)) {
            bench.webhook();
        }
        System.out.println("done load=" + Machine.load());
    }

    /** Simulated Zoom → direct:zoom-events, no webhook target. */
    private void accept() throws Exception {
        LatencyRecorder arrivals = new LatencyRecorder();
        try (TestBridge bridge = start(Map.of(), arrivals)) {
            ZoomSimulator zoom = connect(bridge);
            System.out.println("[accept] idle: " + Machine.memory());
            phase("accept", "warm-up", zoom, arrivals, () -> steady(zoom, rate, warmupSeconds));
            phase("accept", "steady " + rate + "/s for " + seconds + " s", zoom, arrivals, () -> steady(zoom, rate, seconds));
            phase("accept", "burst " + burst, zoom, arrivals, () -> zoom.events().burst(burst));
            System.out.println("[accept] after: " + Machine.memory() + " " + metrics(bridge, "zoom_ws_(events|duplicates)_total"));
        }
    }

    /** Simulated Zoom → outbox → signed webhook at a local receiver; then an outage of the receiver. */
    private void webhook() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(WHSEC);
             TestBridge bridge = start(Map.of("OVERLAY_WEBHOOK_URL", receiver.url(), "OVERLAY_WEBHOOK_SECRET", WHSEC),
                     new LatencyRecorder())) {
            ZoomSimulator zoom = connect(bridge);
            LatencyRecorder delivered = receiver.latencies();
            System.out.println("[webhook] idle: " + Machine.memory());
            phase("webhook", "warm-up", zoom, delivered, () -> steady(zoom, rate, warmupSeconds));
            phase("webhook", "steady " + rate + "/s for " + seconds + " s", zoom, delivered, () -> steady(zoom, rate, seconds));
            phase("webhook", "burst " + burst, zoom, delivered, () -> zoom.events().burst(burst));
            outage(bridge, zoom, receiver);
            System.out.println("[webhook] after: " + Machine.memory() + " bad signatures " + receiver.badSignatures()
                    + " " + metrics(bridge, "delivery_(delivered|retried|dead_lettered)_total|zoom_ws_events_total"));
        }
    }

    /** Receiver down while {@code rate} events/s arrive for {@code outageSeconds}; then up: how fast the outbox drains. */
    private void outage(TestBridge bridge, ZoomSimulator zoom, WebhookReceiver receiver) throws Exception {
        LatencyRecorder delivered = receiver.latencies();
        delivered.reset();
        receiver.down();
        int total = rate * outageSeconds;
        int sent = 0;
        long start = System.nanoTime();
        for (int second = 1; second <= outageSeconds; second++) {
            sent += pace(zoom, rate, 1, start + (second - 1) * 1_000_000_000L);
            System.out.printf("[webhook] outage t=%ds sent=%d outbox depth=%s%n", second, sent, outboxDepth(bridge));
        }
        Machine.waitUntil(() -> Long.parseLong(outboxDepth(bridge)) >= total, 60, () -> "outbox " + outboxDepth(bridge));
        System.out.printf("[webhook] outage over: outbox depth=%s, %s%n", outboxDepth(bridge), Machine.memory());
        long up = System.nanoTime();
        receiver.up();
        Machine.waitUntil(() -> delivered.count() >= 1, 600, () -> "nothing delivered after the receiver came back");
        long first = System.nanoTime();
        Machine.waitUntil(() -> delivered.count() >= total, 600, () -> "drained " + delivered.count() + " of " + total);
        double drain = (delivered.lastArrivalNanos() - first) / 1e9;
        System.out.printf("[webhook] drain: first delivery %.1f s after the receiver came back (retry backoff), "
                + "%d deliveries in %.1f s (%.0f/s), outbox depth now %s%n",
                (first - up) / 1e9, total, drain, total / drain, outboxDepth(bridge));
    }

    private static void phase(String scenario, String name, ZoomSimulator zoom, LatencyRecorder arrivals,
            ThrowingRunnable send) throws Exception {
        arrivals.reset();
        long before = zoom.events().eventsSent();
        long start = System.nanoTime();
        send.run();
        int expected = (int) (zoom.events().eventsSent() - before);
        Machine.waitUntil(() -> arrivals.count() >= expected, 600, () -> arrivals.count() + " of " + expected);
        double secs = (arrivals.lastArrivalNanos() - start) / 1e9;
        System.out.printf("[%s] %s: %d events in %.2f s (%.0f events/s), %s%n", scenario, name, expected, secs,
                expected / secs, LatencyRecorder.describe(arrivals.take()));
    }

    /** Sends {@code rate} events/s for {@code seconds}, in 10 ms slices. */
    private static void steady(ZoomSimulator zoom, int rate, int seconds) {
        pace(zoom, rate, seconds, System.nanoTime());
    }

    private static int pace(ZoomSimulator zoom, int rate, int seconds, long startNanos) {
        int total = rate * seconds;
        int sent = 0;
        while (sent < total) {
            long due = (long) ((System.nanoTime() - startNanos) / 1e9 * rate);
            int now = (int) Math.min(total, due) - sent;
            if (now > 0) {
                zoom.events().burst(now);
                sent += now;
            }
            LockSupport.parkNanos(10_000_000L);
        }
        return sent;
    }

    private static TestBridge start(Map<String, String> extra, LatencyRecorder arrivals) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("SIMULATE", "true");
        env.put("ADMIN_TOKEN", ADMIN);
        env.put("bridge.simulator.scripted-story", "false");
        env.put("camel.main.routes-reload-enabled", "false");
        return TestBridge.start(env, java.time.Clock.systemUTC(),
                camel -> camel.getManagementStrategy().addEventNotifier(new ZoomEventsProbe(arrivals)));
    }

    private static ZoomSimulator connect(TestBridge bridge) throws Exception {
        SimulatedLogin.login(URI.create("http://localhost:" + bridge.port() + "/"), ADMIN);
        Machine.waitUntil(() -> bridge.get("/ws/status").body().contains("\"connected\":true"), 30,
                () -> "Zoom not connected");
        return SimulatorModule.of(bridge.camel());
    }

    private static String outboxDepth(TestBridge bridge) {
        return bridge.get("/metrics").body().lines().filter(l -> l.startsWith("delivery_outbox_depth "))
                .map(l -> l.substring(l.indexOf(' ') + 1).replace(".0", "")).findFirst().orElse("-1");
    }

    private static String metrics(TestBridge bridge, String namePattern) {
        return String.join(" ", bridge.get("/metrics").body().lines()
                .filter(l -> l.matches("^(" + namePattern + ")[ {].*")).toList());
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
