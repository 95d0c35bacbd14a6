package com.zoomoverlay.bridge.bench;

import java.io.File;
import java.net.URI;



import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.zoomoverlay.bridge.support.SimulatedLogin;
import com.zoomoverlay.bridge.support.TestBridge;

/**
 * Memory of the packaged bridge as operators run it: {@code java -XX:MaxRAMPercentage=75 -jar ... --simulate}
 * (the Dockerfile's flags unless {@code -Dbench.jvm-args=...}) in a child JVM, logged in through the simulator.
 * Reports RSS and heap (after a full GC via jcmd) when idle, and after a burst of {@code bench.burst} events
 * through the simulator's control endpoint. Not a test: run with {@code bench/run.sh memory}.
 */
public final class MemoryBench {

    private static final String ADMIN = "bench-admin-token-0123456789";
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final int port = TestBridge.freePort();
    private final BridgeAdmin admin = new BridgeAdmin(port, ADMIN);
    private final WebhookReceiver receiver = new WebhookReceiver(SECRET);
    private Path dataDir;

    public static void main(String[] args) throws Exception {
        new MemoryBench().run(Path.of(args[0]).toAbsolutePath());
    }

    private void run(Path jar) throws Exception {
        int burst = Integer.getInteger("bench.burst", 10_000);
        int idleSeconds = Integer.getInteger("bench.idle-seconds", 30);
        String jvmArgs = System.getProperty("bench.jvm-args", "-XX:MaxRAMPercentage=75");
        System.out.println("machine " + Machine.describe() + " jvm-args=" + jvmArgs);
        Process bridge = start(jar, jvmArgs);
        try {
            Machine.waitUntil(() -> admin.status("/health") == 200, 90, () -> "bridge not healthy");
            SimulatedLogin.login(URI.create("http://localhost:" + port + "/"), ADMIN);
            Machine.waitUntil(() -> admin.get("/ws/status").contains("\"connected\":true"), 30, () -> "Zoom not connected");
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(idleSeconds));
            System.out.println("idle " + idleSeconds + " s after login: " + reading(bridge));

            double before = accepted();
            long start = System.nanoTime();
            admin.post("/simulator/control/ws/burst?count=" + burst);
            // Stored and routed (committed), not only decoded.
            Machine.waitUntil(() -> accepted() >= before + burst, 300, () -> "fewer than " + burst + " events accepted");
            System.out.printf("burst of %d accepted (stored and routed) in %.1f s; right after: RSS %s%n", burst,
                    (System.nanoTime() - start) / 1e9, Machine.status(bridge.pid(), "VmRSS"));
            Machine.waitUntil(() -> admin.metric("delivery_delivered_total") >= burst, 300, () -> "not all delivered");
            System.out.println("after burst: " + reading(bridge));
            System.out.println("store after burst: " + storage(burst));
            steady(bridge);
        } finally {
            receiver.close();
            bridge.destroy();
            if (!bridge.waitFor(30, TimeUnit.SECONDS)) {
                bridge.destroyForcibly();
            }
        }
    }

    /**
     * A long webinar: {@code bench.steady-rate} events/s for {@code bench.steady-seconds} (0 = skip), each
     * stored, routed and delivered to the receiver; the store's file size is read every 30 s.
     */
    private void steady(Process bridge) throws Exception {
        int rate = Integer.getInteger("bench.steady-rate", 100);
        int seconds = Integer.getInteger("bench.steady-seconds", 0);
        if (seconds <= 0) {
            return;
        }
        double start = accepted();
        long began = System.nanoTime();
        for (int s = 1; s <= seconds; s++) {
            admin.post("/simulator/control/ws/burst?count=" + rate);
            LockSupport.parkNanos(began + TimeUnit.SECONDS.toNanos(s) - System.nanoTime());
            if (s % 30 == 0 || s == seconds) {
                System.out.printf("steady %d/s after %d s: %s%n", rate, s, storage((long) (accepted() - start)));
            }
        }
        System.out.println("after steady: " + reading(bridge));
    }

    /** The data directory on disk, in all and per event accepted so far. */
    private String storage(long events) throws Exception {
        long bytes;
        try (var files = Files.walk(dataDir)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        return String.format("DATA_DIR %.1f MiB (%.0f bytes per event over %d events; %,.0f accepted in all)",
                bytes / 1048576.0, events == 0 ? 0.0 : (double) bytes / events, events, accepted());
    }

    private Process start(Path jar, String jvmArgs) throws Exception {
        Path work = Files.createTempDirectory("bridge-memory-bench");
        dataDir = work.resolve("data");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmArgs.trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString(), "--simulate"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().put("PORT", String.valueOf(port));
        pb.environment().put("DATA_DIR", work.resolve("data").toString());
        pb.environment().put("ADMIN_TOKEN", ADMIN);
        pb.environment().put("OVERLAY_WEBHOOK_URL", receiver.url());
        pb.environment().put("OVERLAY_WEBHOOK_SECRET", SECRET);
        File log = Path.of("target", "bench", "results", "memory-bridge.log").toAbsolutePath().toFile();
        log.getParentFile().mkdirs();
        return pb.redirectErrorStream(true).redirectOutput(log).start();
    }

    /** RSS, and heap used/committed after a full GC, from the child's own /metrics. */
    private String reading(Process bridge) throws Exception {
        new ProcessBuilder("jcmd", String.valueOf(bridge.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
        return String.format("RSS %s, heap used %.0f MiB, heap committed %.0f MiB, non-heap used %.0f MiB, threads %.0f",
                Machine.status(bridge.pid(), "VmRSS"), admin.sum("jvm_memory_used_bytes{area=\"heap\"") / 1048576,
                admin.sum("jvm_memory_committed_bytes{area=\"heap\"") / 1048576,
                admin.sum("jvm_memory_used_bytes{area=\"nonheap\"") / 1048576, admin.metric("jvm_threads_live_threads"));
    }

    /** Stored and routed: the intake's own count, committed batches only. */
    private double accepted() throws Exception {
        return admin.sum("bridge_events_accepted_total{");
    }






}
