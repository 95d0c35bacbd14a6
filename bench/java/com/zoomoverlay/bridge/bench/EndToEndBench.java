package com.zoomoverlay.bridge.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import com.zoomoverlay.bridge.http.HttpReplies;
import com.zoomoverlay.bridge.simulator.SimulatorModule;
import com.zoomoverlay.bridge.simulator.ZoomSimulator;
import com.zoomoverlay.bridge.support.SimulatedLogin;
import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TestReceiver;

/**
 * End-to-end benchmark of the real path: simulated Zoom Event WebSocket → decode, dedupe, durable inbox
 * → default YAML route → durable outbox → signed webhook at a local receiver (and the overlay feed).
 * Not a test: run it with bench/run.sh. Latency is Zoom's event_ts (set by the simulator when it sends)
 * to the receiver's arrival time. Loopback only; bounded in events and time.
 */
public final class EndToEndBench {

    private static final String ADMIN = "admin-token-0123456789";

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(System.getProperty("bench.rate", "200"));
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "30"));
        int burst = Integer.parseInt(System.getProperty("bench.burst", "5000"));
        try (TestReceiver receiver = new TestReceiver()) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "SIMULATE", "true",
                    "ADMIN_TOKEN", ADMIN,
                    "OVERLAY_WEBHOOK_URL", receiver.url(),
                    "OVERLAY_WEBHOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                    "bridge.simulator.scripted-story", "false",
                    "bridge.delivery.poll-interval-ms", "20"));
            try (TestBridge bridge = TestBridge.start(env)) {
                SimulatedLogin.login(java.net.URI.create("http://localhost:" + bridge.port() + "/"), ADMIN);
                waitUntil(() -> bridge.get("/ws/status").body().contains("\"connected\":true"), Duration.ofSeconds(30),
                        () -> "Zoom not connected");
                ZoomSimulator zoom = SimulatorModule.of(bridge.camel());
                System.gc();
                long idleHeap = usedHeap();

                try {
                    steady(zoom, receiver, rate, seconds);
                    burst(zoom, receiver, burst);
                } finally {
                    bridge.get("/metrics").body().lines()
                            .filter(l -> l.matches("^(zoom_ws_(events|duplicates|decode_failures|frames)|delivery_(received|delivered|retried|dead_lettered)|overlay_frames).*"))
                            .forEach(l -> System.out.println("metric " + l));
                }
                System.gc();
                System.out.printf("heap used after GC: idle %d MiB, after runs %d MiB%n", idleHeap >> 20, usedHeap() >> 20);
            }
        }
    }

    /** {@code rate} events per second for {@code seconds}, paced in 10 ms slices; latency percentiles. */
    private static void steady(ZoomSimulator zoom, TestReceiver receiver, int rate, int seconds) throws Exception {
        int before = receiver.accepted().size();
        int total = rate * seconds;
        long start = System.nanoTime();
        int sent = 0;
        while (sent < total) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
            int now = (int) Math.min(total, due) - sent;
            if (now > 0) {
                zoom.events().burst(now);
                sent += now;
            }
            LockSupport.parkNanos(10_000_000L);
        }
        int expected = before + total;
        waitUntil(() -> receiver.accepted().size() >= expected, Duration.ofSeconds(120),
                () -> "delivered " + (receiver.accepted().size() - before) + " of " + total);
        long[] latencies = latencies(receiver.accepted().subList(before, expected));
        System.out.printf("steady %d events/s for %d s: delivered %d, latency ms p50=%d p90=%d p99=%d max=%d%n",
                rate, seconds, total, pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), latencies[latencies.length - 1]);
    }

    /** {@code count} events at once: how fast the backlog drains to the receiver. */
    private static void burst(ZoomSimulator zoom, TestReceiver receiver, int count) throws Exception {
        int before = receiver.accepted().size();
        long start = System.nanoTime();
        zoom.events().burst(count);
        waitUntil(() -> receiver.accepted().size() >= before + count, Duration.ofSeconds(300),
                () -> "delivered " + (receiver.accepted().size() - before) + " of " + count);
        double secs = (System.nanoTime() - start) / 1e9;
        long[] latencies = latencies(receiver.accepted().subList(before, before + count));
        System.out.printf("burst of %d events: all delivered in %.1f s (%.0f events/s), last latency %d ms%n",
                count, secs, count / secs, latencies[latencies.length - 1]);
    }

    private static long[] latencies(List<TestReceiver.Request> requests) throws Exception {
        long[] out = new long[requests.size()];
        for (int i = 0; i < out.length; i++) {
            long eventTs = HttpReplies.JSON.readTree(requests.get(i).body()).path("event_ts").asLong();
            out[i] = requests.get(i).receivedAtMillis() - eventTs;
        }
        Arrays.sort(out);
        return out;
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition, Duration max,
            java.util.function.Supplier<String> progress) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within " + max + ": " + progress.get());
            }
            LockSupport.parkNanos(20_000_000L);
        }
    }
}
